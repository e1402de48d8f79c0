/// Why a step stops early: a diagnosis, or a question for the operator.
enum StepStop: Error {
    case failed(Diagnosis)
    case needsConfirmation(String)
}

/// The frame every step runs in: sends `started`, progress and `finished` events, turns thrown
/// errors into outcomes (cancellation into `.cancelled`), and records a failure's diagnosis in
/// the remote's outputs.
struct StepExecution: Sendable {
    let id: SetupStepID
    let title: String
    let events: SetupEventSink

    func progress(_ text: String) { events.send(SetupEvent(step: id, title: title, kind: .progress(text))) }

    static func run(
        _ id: SetupStepID, title: String, context: SetupContext, events: SetupEventSink,
        leftBehind: [String] = [],
        _ body: (inout SetupContext, StepExecution) async throws -> StepOutcome
    ) async -> StepResult {
        let execution = StepExecution(id: id, title: title, events: events)
        events.send(SetupEvent(step: id, title: title, kind: .started))
        var updated = context
        let outcome: StepOutcome
        if Task.isCancelled {
            outcome = .cancelled
        } else {
            do {
                outcome = try await body(&updated, execution)
            } catch let stop as StepStop {
                switch stop {
                case .failed(let diagnosis): outcome = .failed(diagnosis)
                case .needsConfirmation(let question): outcome = .needsConfirmation(question)
                }
            } catch is CancellationError {
                outcome = .cancelled
            } catch {
                outcome = Task.isCancelled ? .cancelled : .failed(StepFailures.diagnosis(for: error))
            }
        }
        if case .failed(let diagnosis) = outcome, let alias = id.alias {
            updated.update(alias) { $0.diagnosis = diagnosis }
        }
        events.send(SetupEvent(step: id, title: title, kind: .finished(outcome)))
        return StepResult(id: id, outcome: outcome, context: updated, leftBehind: leftBehind)
    }
}

import Foundation
import RemoteClusterKit
import WizardCore

/// A program that can also be shown as line prompts.
public protocol PlainPresentable: TerminalProgram {
    /// The current screen as text and a question.
    var plainView: PlainView { get }
}

/// Runs a program as line prompts, for screen readers, logs and terminals without cursor control
/// (`--plain`, `TERM=dumb`, or when stdin or stdout is not a terminal).
///
/// It uses the same run loop, jobs and timers as the full-screen mode: each answer is turned into
/// the keys a person would press (`PlainField.keys(for:)`, the action's key) and fed to the
/// program's `update`, so both modes share every rule. A refused answer prints its problem and
/// the field is asked again.
public final class PlainSession<Program: PlainPresentable> {
    public let loop: ProgramLoop<Program>
    private let device: LineDevice
    private let io: PlainIO
    private var heading: String?
    private var printed: [String] = []
    private var lastWait: String?

    /// How the session ended.
    public enum Outcome: Sendable, Hashable {
        /// The program quit.
        case finished
        /// Input ended first.
        case endOfInput
        /// A signal ended it.
        case interrupted
    }

    public init(
        program: Program, io: PlainIO, files: any FileSystemAccess, jobs: any JobRunner<Program.Job, Program.Reply>,
        clock: any LoopClock = SystemClock()
    ) {
        self.io = io
        self.device = LineDevice(glyphs: io.glyphs)
        self.loop = ProgramLoop(program: program, terminal: device, clock: clock, files: files, jobs: jobs)
    }

    /// Asks until the program quits or input ends.
    @discardableResult
    public func run() -> Outcome {
        loop.start()
        while true {
            waitWhileBusy()
            switch loop.ending {
            case .quit?: return .finished
            case .signal?: return .interrupted
            case nil: break
            }
            let view = loop.program.plainView
            show(view)
            switch view.prompt {
            case .finished:
                return .finished
            case .wait(let text):
                if text != lastWait, !text.isEmpty { io.write(text + "\n") }
                lastWait = text
                loop.runOnce(waitMilliseconds: 100)
            case .actions(let actions):
                lastWait = nil
                guard ask(actions) else { return .endOfInput }
            case .field(let field):
                lastWait = nil
                guard ask(field) else { return .endOfInput }
            }
        }
    }

    /// Runs the loop while jobs are in flight or input is queued, so the view shown is settled.
    private func waitWhileBusy() {
        loop.runOnce(waitMilliseconds: 0)
        while loop.ending == nil && (device.hasInput || loop.hasRunningJobs || loop.hasWork) {
            loop.runOnce(waitMilliseconds: device.hasInput ? 0 : 20)
        }
    }

    private func feed(_ keys: [Key]) {
        device.enqueue(keys)
        waitWhileBusy()
    }

    /// Prints the heading when the screen changed and the lines not printed yet.
    private func show(_ view: PlainView) {
        if view.heading != heading {
            heading = view.heading
            printed = []
            if !view.heading.isEmpty { io.write("\n== \(view.heading) ==\n") }
        }
        guard view.lines != printed else { return }
        var common = 0
        while common < min(printed.count, view.lines.count), printed[common] == view.lines[common] { common += 1 }
        for line in view.lines[common...] { io.write(line + "\n") }
        printed = view.lines
    }

    private func ask(_ actions: [PlainAction]) -> Bool {
        let choices = actions.map { $0.answer.isEmpty ? "Enter \($0.label)" : "\($0.answer) \($0.label)" }
        while true {
            io.write("[\(choices.joined(separator: ", "))]: ")
            guard let line = io.readLine() else { return false }
            let typed = line.trimmingWhitespace()
            let answer = typed.lowercased()
            if let action = actions.first(where: { $0.answer.lowercased() == answer }) {
                feed([action.key])
                return true
            }
            let known = actions.map { $0.answer.isEmpty ? "Enter" : $0.answer }.joined(separator: ", ")
            io.write(
                "  \(io.glyphs.failure) \(TextExcerpt.quoted(typed)) is not one of the choices. Type one of: \(known).\n")
        }
    }

    private func ask(_ field: PlainField) -> Bool {
        if let note = field.note { io.write("  (\(note))\n") }
        while true {
            guard let answer = read(field) else { return false }
            switch field.keys(for: answer) {
            case .failure(let problem):
                io.write("  \(io.glyphs.failure) \(problem.standaloneMessage)\n")
                continue
            case .success(let keys):
                feed(keys)
            }
            // The field's problems with the new value decide whether it is asked again.
            let current = currentField(id: field.id) ?? field
            for problem in current.problems {
                let mark = problem.severity == .error ? io.glyphs.failure : io.glyphs.warning
                io.write("  \(mark) \(problem.standaloneMessage)\n")
            }
            if current.problems.errors.isEmpty {
                feed([.enter])
                return true
            }
        }
    }

    private func currentField(id: String) -> PlainField? {
        if case .field(let field) = loop.program.plainView.prompt, field.id == id { return field }
        return nil
    }

    /// Prompts for one field and reads the answer; nil at end of input.
    private func read(_ field: PlainField) -> String? {
        switch field.kind {
        case .text(let current):
            let clear = current.isEmpty ? "" : ", \(PlainField.clearAnswer) clears"
            io.write("\(field.label)\(current.isEmpty ? "" : " [\(current)\(clear)]"): ")
            return io.readLine()
        case .secret(let isEmpty):
            return io.readSecret("\(field.label) (input hidden\(isEmpty ? "" : ", Enter keeps it")): ")
        case .choice(let options, let selected):
            io.write("\(field.label)\n")
            for (number, option) in options.enumerated() {
                io.write("  \(number + 1)) \(option.title)\(option.detail.isEmpty ? "" : " - \(option.detail)")\n")
            }
            io.write("Choose 1-\(options.count) [\(selected + 1)]: ")
            return io.readLine()
        case .multiChoice(let options, let chosen):
            io.write("\(field.label)\n")
            for (number, option) in options.enumerated() {
                io.write("  \(number + 1)) \(option.title)\(option.detail.isEmpty ? "" : " - \(option.detail)")\n")
            }
            let current = options.enumerated().filter { chosen.contains($0.element.id) }.map { "\($0.offset + 1)" }
            io.write("Choose any, separated by commas [\(current.joined(separator: ","))]: ")
            return io.readLine()
        case .confirm(let value):
            io.write("\(field.label)? (y/n) [\(value ? "y" : "n")]: ")
            return io.readLine()
        }
    }
}

/// The terminal device behind plain mode: keys come from the answers, drawing goes nowhere.
final class LineDevice: TerminalDevice {
    let size = Size(width: 100, height: 40)
    let theme: Theme
    private var queue: [TerminalInput] = []

    init(glyphs: Glyphs) { theme = Theme(glyphs: glyphs, colors: false) }

    var hasInput: Bool { !queue.isEmpty }
    func enqueue(_ keys: [Key]) { queue += keys.map(TerminalInput.key) }

    func readInput(timeoutMilliseconds: Int) -> [TerminalInput] {
        if queue.isEmpty {
            if timeoutMilliseconds > 0 { Thread.sleep(forTimeInterval: Double(timeoutMilliseconds) / 1000) }
            return []
        }
        return [queue.removeFirst()]
    }

    func draw(_ buffer: ScreenBuffer) {}
}

extension SetupWizard: PlainPresentable {}

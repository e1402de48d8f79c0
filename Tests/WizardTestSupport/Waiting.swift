import Foundation
import Testing
import WizardCore
import WizardTerminal

/// Waits until `condition` holds, checking every 10 ms, and records an issue naming `what` when
/// `timeoutSeconds` pass first. Returns whether the condition came true.
@discardableResult
public func waitUntil(
    _ what: String, timeoutSeconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () -> Bool
) -> Bool {
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    while !condition() {
        guard Date() < deadline else {
            Issue.record("Timed out after \(timeoutSeconds) s waiting for \(what)", sourceLocation: sourceLocation)
            return false
        }
        Thread.sleep(forTimeInterval: 0.01)
    }
    return true
}

extension HeadlessSession {
    /// Runs the session until `condition` holds (jobs answered in real time, the fake clock moved
    /// on while idle) and records an issue with the last screen when it does not within the timeout.
    @discardableResult
    public func waitFor(
        _ what: String, timeoutSeconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (HeadlessSession<Program>) -> Bool
    ) -> Bool {
        if run(until: condition, timeoutSeconds: timeoutSeconds) { return true }
        Issue.record(
            "The program did not reach \(what) within \(timeoutSeconds) s. Last screen:\n\(text)",
            sourceLocation: sourceLocation)
        return false
    }

    /// The same, waiting without holding a thread (for async tests whose jobs are tasks).
    @discardableResult
    public func waitFor(
        _ what: String, timeoutSeconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (HeadlessSession<Program>) -> Bool
    ) async -> Bool {
        if await run(until: condition, timeoutSeconds: timeoutSeconds) { return true }
        Issue.record(
            "The program did not reach \(what) within \(timeoutSeconds) s. Last screen:\n\(text)",
            sourceLocation: sourceLocation)
        return false
    }

    /// Waits until the screen text contains `text`.
    @discardableResult
    public func waitFor(
        text expected: String, timeoutSeconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation
    ) -> Bool {
        waitFor("a screen showing \"\(expected)\"", timeoutSeconds: timeoutSeconds, sourceLocation: sourceLocation) {
            $0.text.contains(expected)
        }
    }
}

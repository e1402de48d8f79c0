import Foundation
import Testing
import WizardCore

@testable import WizardTerminal

/// A program that starts a job per key and records what comes back, to test the run loop's jobs:
/// replies, progress, cancellation and deadlines.
struct JobProbeProgram: TerminalProgram {
    typealias Job = String
    typealias Reply = String

    var tokens = TokenSource()
    var running: [Token: String] = [:]
    var log: [String] = []

    mutating func start(now: Moment) -> [Effect<Job>] { [] }

    mutating func update(_ event: Event<Reply>) -> [Effect<Job>] {
        switch event {
        case .key(.character("s")):
            return startJob("slow", deadline: nil)
        case .key(.character("d")):
            return startJob("deadline", deadline: 500)
        case .key(.character("c")):
            let effects = running.keys.sorted().map { Effect<Job>.cancel($0) }
            for token in running.keys { log.append("cancel \(running[token]!)") }
            running = [:]
            return effects
        case .jobFinished(let token, let reply, _):
            log.append("finished \(running[token] ?? "?"): \(reply)")
            running[token] = nil
        case .jobProgress(let token, let reply, _):
            log.append("progress \(running[token] ?? "?"): \(reply)")
        case .jobTimedOut(let token, let after, _):
            log.append("timed out \(running[token] ?? "?") after \(after) ms")
            running[token] = nil
        default:
            break
        }
        return []
    }

    mutating func startJob(_ name: String, deadline: Int64?) -> [Effect<Job>] {
        let token = tokens.next()
        running[token] = name
        return [.run(name, token: token, deadlineMilliseconds: deadline)]
    }

    func render(into buffer: inout ScreenBuffer, theme: Theme) {
        buffer.write(log.last ?? "idle", x: 0, y: 0)
    }
}

@Suite("Run loop jobs")
struct ProgramLoopJobTests {
    @Test func repliesAndProgressReachTheProgram() {
        let session = HeadlessSession(program: JobProbeProgram())
        session.press(.character("s"))
        #expect(session.jobs.pending == ["slow"])
        session.jobs.report(where: { $0 == "slow" }, progress: "half way")
        session.settle()
        session.answerJob(with: "done")
        #expect(session.program.log == ["progress slow: half way", "finished slow: done"])
        #expect(!session.loop.hasRunningJobs)
    }

    @Test func aCancelledJobIsStoppedAndItsLateReplyDropped() {
        let session = HeadlessSession(program: JobProbeProgram())
        session.press(.character("s"))
        session.press(.character("c"))
        #expect(session.jobs.pending.isEmpty)
        #expect(session.jobs.cancelled == ["slow"])
        #expect(!session.loop.hasRunningJobs)
        #expect(session.program.log == ["cancel slow"])
    }

    @Test func aDeadlineCancelsTheJobAndTellsTheProgram() {
        let session = HeadlessSession(program: JobProbeProgram())
        session.press(.character("d"))
        session.advance(milliseconds: 499)
        #expect(session.program.log.isEmpty)
        session.advance(milliseconds: 1)
        #expect(session.program.log == ["timed out deadline after 500 ms"])
        #expect(session.jobs.cancelled == ["deadline"])
        // A reply that still comes is dropped.
        session.jobs.answerOldest(with: "too late")
        session.settle()
        #expect(session.program.log == ["timed out deadline after 500 ms"])
    }

    @Test func asyncRunnerCancelsTheTaskAndDeliversProgress() async throws {
        let started = Mailbox<String>()
        let runner = AsyncJobRunner<String, String> { job, progress in
            progress("started \(job)")
            started.post(job)
            do {
                try await Task.sleep(for: .seconds(60))
                return "slept"
            } catch {
                started.post("cancelled \(job)")
                return "cancelled"
            }
        }
        let replies = Mailbox<String>()
        let handle = runner.start("nap", progress: { replies.post("progress: \($0)") }, deliver: { replies.post($0) })
        // Generous: on a loaded machine the tasks may wait long for a thread; a pass never waits for it.
        let deadline = Date().addingTimeInterval(120)
        while started.isEmpty && Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
        handle.cancel()
        var seen: [String] = []
        while !seen.contains("cancelled nap") && Date() < deadline {
            seen += started.drain()
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(seen.contains("cancelled nap"))
        // Progress before the cancel arrives (whenever its hop is scheduled); the reply after it does not.
        var delivered: [String] = []
        while !delivered.contains("progress: started nap") && Date() < deadline {
            delivered += replies.drain()
            try await Task.sleep(for: .milliseconds(5))
        }
        try await Task.sleep(for: .milliseconds(50))
        delivered += replies.drain()
        #expect(delivered == ["progress: started nap"])
    }
}

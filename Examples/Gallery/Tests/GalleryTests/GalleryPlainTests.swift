import Foundation
import Testing
import WizardCore
import WizardTerminal

@testable import Gallery

extension Gallery: PlainPresentable {}

/// The gallery as line prompts through `PlainSession`: the same program, run loop and validators.
@Suite("Gallery in plain mode")
struct GalleryPlainTests {
    /// Runs the gallery with scripted input lines; returns the output and how it ended.
    func run(_ lines: [String]) -> (String, PlainSession<Gallery>.Outcome, Answers) {
        let input = LockedLines(lines)
        let output = LockedText()
        let io = PlainIO(
            readLine: { input.next() },
            readSecret: { prompt in
                output.append(prompt)
                return input.next()
            }, write: { output.append($0) }, glyphs: .unicode)
        let jobs = ScriptedJobs<GalleryJob, GalleryReply> { _ in
            .status([LiveTable.Row(["logs", "● connected", "proxy", "lb.example.net:9443", "18/18"])])
        }
        let session = PlainSession(
            program: Gallery(), io: io, files: InMemoryFileSystem(), jobs: jobs, clock: ManualClock())
        let outcome = session.run()
        return (output.text, outcome, session.loop.program.wizard.answers)
    }

    @Test func sameStepsAndValidatorsAsTheFullScreen() {
        let (output, outcome, answers) = run(["9", "3", "", "3.x", "3.3"])
        #expect(output.contains("== Step 1 of 4: Remote type =="))
        #expect(output.contains("  1) Elastic Cloud Hosted (ECH) - remote cluster server already on; public CA"))
        #expect(
            output.contains(
                "✗ Where does the remote cluster run?: \"9\" is not one of the choices. Type a number from 1 to 4."))
        #expect(output.contains("== Step 2 of 5: The remote ECK cluster =="))
        #expect(output.contains("  ✗ Cluster name is empty. Type the name of the Elasticsearch resource."))
        #expect(outcome == .endOfInput)
        #expect(answers.choice("remoteType") == "eck")
    }

    @Test func wholeRunToTheEnd() {
        let (output, outcome, answers) = run([
            "", "logs", "lb.example.net:9443", "", "aWQxOmtleTE=", "", "1,2", "3", "n", "", "", "q",
        ])
        #expect(outcome == .finished)
        #expect(answers.text("alias") == "logs")
        #expect(answers.choices("access") == ["search", "replication"])
        #expect(answers.choice("expires") == "never")
        #expect(!answers.flag("skipUnavailable"))
        #expect(output.contains("API key (input hidden): "))
        #expect(!output.contains("aWQxOmtleTE="))
        #expect(output.contains("--- manifests.yaml ---"))
        #expect(output.contains("cluster.remote.logs.skip_unavailable: false"))
        #expect(output.contains("== Step 4 of 4: Live status (simulated) =="))
        #expect(output.contains("logs  ● connected  proxy  lb.example.net:9443  18/18"))
    }
}

/// Input lines handed out one at a time, from any thread.
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: ArraySlice<String>
    init(_ lines: [String]) { self.lines = lines[...] }
    func next() -> String? { lock.withLock { lines.popFirst() } }
}

/// Output collected from any thread.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""
    func append(_ text: String) { lock.withLock { collected += text } }
    var text: String { lock.withLock { collected } }
}

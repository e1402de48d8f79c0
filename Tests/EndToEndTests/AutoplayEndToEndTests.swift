import Foundation
import Testing

/// `demo --autoplay` under tmux with the real binary at 80x24 and 120x40: every branch to the live
/// status, every fault to NOT CONNECTED with its diagnosis. The cases run side by side (each in its
/// own tmux server with its own simulated clusters), one per core (`DemoPane.slots`).
@Suite("demo --autoplay under tmux")
struct AutoplayEndToEndTests {
    static let types = ["eck", "ech", "ece", "self-managed"]
    static let sizes = [PaneSize.small, .large]

    /// The remote type as the title line names it.
    static func branch(_ type: String) -> String {
        "ECK local → \(["eck": "ECK", "ech": "ECH", "ece": "ECE"][type] ?? type) remote"
    }

    @Test(arguments: types, sizes)
    func playsTheBranchToTheLiveStatus(type: String, size: PaneSize) async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        try await DemoPane.with(size) { demo in
            try demo.start("--autoplay --type \(type) --autoplay-delay 0")
            let screen = await demo.waitFor("autoplay finished", "● CONNECTED", "API key credentials ✓")
            demo.expectFullFrame(screen)
            #expect(screen.contains(Self.branch(type)), "\(screen)")
            #expect(screen.contains("Live status of remote"))
            #expect(demo.savedScreen == "liveStatus")
            // Any key takes over; after that the keys are the person's.
            try demo.keys("x")
            await demo.waitForHandOver()
            try await demo.quitWithQ()
        }
    }

    /// What each fault's diagnosis says ("Most likely: …").
    static let diagnoses = [
        "wrong-ca": "does not trust remote's certificate",
        "wrong-server-name": "certificate does not carry the server name",
        "wrong-port": "is the transport port (9300), not the remote cluster server (9443)",
        "invalidated-key": "does not accept the API key",
        "no-credentials": "sends no API key for logs",
    ]

    @Test(arguments: diagnoses.keys.sorted(), sizes)
    func theFaultEndsNotConnectedWithTheDiagnosis(fault: String, size: PaneSize) async throws {
        guard WizardBinary.isTmuxInstalled else { Issue.record("tmux is not installed"); return }
        try await DemoPane.with(size) { demo in
            // The default branch (ECK) at 80x24, Elastic Cloud Hosted at 120x40.
            let type = size == .small ? "" : "--type ech "
            try demo.start("--autoplay \(type)--fault \(fault) --autoplay-delay 0")
            let screen = await demo.waitFor("autoplay finished", "○ NOT CONNECTED", "Most likely:", "Fix:")
            demo.expectFullFrame(screen)
            let expected = Self.diagnoses[fault]!
            #expect(demo.flowedBody(screen).contains(expected), "expected \"\(expected)\" in:\n\(screen)")
            try demo.keys("x")
            await demo.waitForHandOver()
            try await demo.quitWithQ()
        }
    }
}

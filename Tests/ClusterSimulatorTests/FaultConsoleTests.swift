import ClusterSimulator
import Testing

/// The lines `simulate` reads on standard input: each switches the faults named, lists them, or
/// says what it should have been; nothing else changes.
@Suite struct FaultConsoleTests {
    @Test(
        arguments: [
            ("on key-invalidated", FaultConsole.Command.switchFaults([.keyInvalidated], on: true)),
            ("  OFF  slow,rcs-off ", .switchFaults([.slowResponses, .remoteClusterServerOff], on: false)),
            ("faults", .list),
            ("help", .help),
            ("", .nothing),
            ("   ", .nothing),
        ])
    func parses(line: String, command: FaultConsole.Command) {
        #expect(FaultConsole.Command(line: line) == command)
    }

    @Test(arguments: ["on", "on a b", "off", "faults now", "reboot", "on melt"])
    func refusesWithAMessage(line: String) {
        guard case .invalid(let message) = FaultConsole.Command(line: line) else {
            Issue.record("\"\(line)\" was taken as a command")
            return
        }
        #expect(!message.isEmpty)
    }

    @Test func switchesTheSwitchboard() async {
        let switchboard = FaultSwitchboard()
        #expect(await FaultConsole.handle("on two-clusters,slow", switchboard: switchboard) == ["Faults on: slow, two-clusters"])
        #expect(switchboard.active == [.twoClusters, .slowResponses])
        #expect(await FaultConsole.handle("off slow", switchboard: switchboard) == ["Faults on: two-clusters"])
        #expect(await FaultConsole.handle("on melt", switchboard: switchboard).first?.contains("is not a fault") == true)
        #expect(switchboard.active == [.twoClusters], "a refused line changes nothing")
        #expect(await FaultConsole.handle("off two-clusters", switchboard: switchboard) == ["Faults on: none"])
        let help = await FaultConsole.handle("help", switchboard: switchboard)
        for fault in SimulatorFault.allCases { #expect(help.contains { $0.contains(fault.rawValue) }) }
    }
}

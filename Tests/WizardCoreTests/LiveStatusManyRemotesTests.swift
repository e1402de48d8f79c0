import RemoteClusterKit
import Testing
import WizardTestSupport

@testable import WizardCore

/// The live status of a local cluster with many remotes: the set-up's own alias on top, then as
/// many of the others as the screen has rows for; an alias longer than its column is cut with `…`.
@Suite struct LiveStatusManyRemotesTests {
    static func wizard(others: [RemoteInfo], size: Size) -> SetupWizard {
        var (wizard, effects) = SetupWizardTests.wizard(at: .liveStatus)
        _ = wizard.update(.resize(size))
        let token = effects.compactMap { effect -> Token? in
            if case .run(.observe, let token, _) = effect { return token }
            return nil
        }.first!
        let own = RemoteInfo(
            alias: "logs", connected: true, mode: .proxy, proxyAddress: "lb.example.net:9443",
            proxySocketsConnected: 18, maxProxySocketConnections: 18, hasClusterCredentials: true)
        _ = wizard.update(
            .jobFinished(
                token: token,
                reply: .observed(ConnectionObservation(alias: "logs", remoteInfo: own), others: others, problem: nil),
                now: Moment(milliseconds: 500)))
        return wizard
    }

    static func remote(_ index: Int, alias: String? = nil) -> RemoteInfo {
        RemoteInfo(
            alias: alias ?? "remote-\(index)", connected: index % 2 == 0, mode: .proxy,
            proxyAddress: "r\(index).example.net:9443", proxySocketsConnected: index % 2 == 0 ? 18 : 0,
            maxProxySocketConnections: 18)
    }

    @Test func aThousandOtherRemotesFillTheScreenInOrderAndTheKeysStayVisible() {
        let others = (1...1000).map { Self.remote($0) }
        let screen = render(Self.wizard(others: others, size: Size(width: 200, height: 60)), width: 200, height: 60)
        let rows = (0..<60).map { screen.text(row: $0) }
        #expect(rows.contains { $0.contains("logs        ● CONNECTED") })
        let listed = rows.compactMap { row in others.first { row.contains(" \($0.alias) ") }?.alias }
        // Consecutive from the first, as many as fit between the list's heading and the footer.
        #expect(listed.count > 30)
        #expect(listed == others.prefix(listed.count).map(\.alias))
        #expect(rows[58].contains("r refresh now"))
    }

    @Test func anAliasLongerThanItsColumnIsCutWithAnEllipsis() {
        let others = [Self.remote(2, alias: "a-very-long-alias-name"), Self.remote(4, alias: "short")]
        let screen = render(Self.wizard(others: others, size: Size(width: 100, height: 30)), width: 100, height: 30)
        let text = screen.text
        #expect(text.contains(" a-very-lon… ● connected      proxy r2.example.net:9443  18/18"))
        #expect(text.contains(" short       ● connected      proxy r4.example.net:9443  18/18"))
    }
}

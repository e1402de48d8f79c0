import Testing

@testable import RemoteClusterKit

@Suite struct RemoteInfoTableTests {
    static let proxy = RemoteInfo(
        alias: "logs", connected: true, mode: .proxy, proxyAddress: "lb.example.net:9443",
        serverName: "logs-es-remote-cluster.logs.svc", proxySocketsConnected: 18, maxProxySocketConnections: 18,
        hasClusterCredentials: true)
    static let sniff = RemoteInfo(
        alias: "metrics", connected: false, mode: .sniff, seeds: ["10.1.0.4:9300", "10.1.0.5:9300"],
        nodesConnected: 0, maxConnectionsPerCluster: 3)

    @Test func alignsColumnsForProxyAndSniffRemotes() {
        let lines = RemoteInfoTable.lines(for: [Self.proxy, Self.sniff], symbols: .unicode)
        #expect(
            lines == [
                "ALIAS    CONNECTED  MODE   ADDRESS                       SERVER NAME                      CONNECTIONS    CREDENTIALS",
                "logs     ✓ yes      proxy  lb.example.net:9443           logs-es-remote-cluster.logs.svc  sockets 18/18  API key",
                "metrics  ✗ no       sniff  10.1.0.4:9300, 10.1.0.5:9300  -                                nodes 0/3      none",
            ])
    }

    @Test func asciiMarksWhenTheLocaleIsNotUTF8() {
        let cells = RemoteInfoTable.cells(for: Self.sniff, symbols: .ascii)
        #expect(cells[1] == "[x] no")
    }

    @Test func saysSoWhenThereAreNoRemotes() {
        #expect(
            RemoteInfoTable.lines(for: [], symbols: .unicode) == ["No remote clusters are configured on this cluster."])
    }

    @Test(arguments: [
        (["LANG": "en_US.UTF-8"], StatusSymbols.unicode),
        (["LC_ALL": "C", "LANG": "en_US.UTF-8"], StatusSymbols.ascii),
        (["LC_CTYPE": "C.utf8"], StatusSymbols.unicode),
        ([:], StatusSymbols.ascii),
    ])
    func symbolsFollowTheLocale(environment: [String: String], expected: StatusSymbols) {
        #expect(StatusSymbols.forEnvironment(environment) == expected)
    }
}

import Testing

@testable import RemoteClusterKit

/// `status`'s table at the widths operators have: 60 (a split pane), 80 (the classic terminal),
/// 200 (a wide screen); shortened and dropped columns in the order RemoteInfoTable states.
@Suite struct TableFittingTests {
    static let remotes = [
        RemoteInfo(
            alias: "logs-eu", connected: true, mode: .proxy, proxyAddress: "lb-logs.eu-west-1.example.net:9443",
            serverName: "logs-es-remote-cluster.logs.svc", proxySocketsConnected: 18, maxProxySocketConnections: 18,
            initialConnectTimeout: "30s", skipUnavailable: true, hasClusterCredentials: true),
        RemoteInfo(
            alias: "archive", connected: false, mode: .proxy, proxyAddress: "archive.dc2.example.net:9443",
            serverName: "archive.dc2.example.net", proxySocketsConnected: 0, maxProxySocketConnections: 18,
            hasClusterCredentials: true),
        RemoteInfo(
            alias: "metrics", connected: true, mode: .sniff, seeds: ["10.1.0.4:9300", "10.1.0.5:9300"],
            nodesConnected: 3, maxConnectionsPerCluster: 3),
    ]

    static func table(width: Int?, wide: Bool = false) -> [String] {
        RemoteInfoTable.lines(for: remotes, symbols: .unicode, width: width, wide: wide)
    }

    @Test func twoHundredColumnsShowEverythingInFull() {
        #expect(
            Self.table(width: 200) == [
                "ALIAS    CONNECTED  MODE   ADDRESS                             SERVER NAME                      CONNECTIONS    CREDENTIALS",
                "logs-eu  ✓ yes      proxy  lb-logs.eu-west-1.example.net:9443  logs-es-remote-cluster.logs.svc  sockets 18/18  API key",
                "archive  ✗ no       proxy  archive.dc2.example.net:9443        archive.dc2.example.net          sockets 0/18   API key",
                "metrics  ✓ yes      sniff  10.1.0.4:9300, 10.1.0.5:9300        -                                nodes 3/3      none",
            ])
    }

    @Test func eightyColumnsShortenAddressesInTheMiddleAndDropMode() {
        let lines = Self.table(width: 80)
        #expect(
            lines == [
                "ALIAS    CONNECTED  ADDRESS           SERVER NAME     CONNECTIONS    CREDENTIALS",
                "logs-eu  ✓ yes      lb-logs.…et:9443  logs-es…gs.svc  sockets 18/18  API key",
                "archive  ✗ no       archive.…et:9443  archive…le.net  sockets 0/18   API key",
                "metrics  ✓ yes      10.1.0.4….5:9300  -               nodes 3/3      none",
            ])
        #expect(lines.allSatisfy { $0.count <= 80 })
    }

    @Test func sixtyColumnsDropCredentialsAndConnectionsToo() {
        let lines = Self.table(width: 60)
        #expect(
            lines == [
                "ALIAS    CONNECTED  ADDRESS           SERVER NAME",
                "logs-eu  ✓ yes      lb-logs.…et:9443  logs-es-rem…r.logs.svc",
                "archive  ✗ no       archive.…et:9443  archive.dc2…xample.net",
                "metrics  ✓ yes      10.1.0.4….5:9300  -",
            ])
        #expect(lines.allSatisfy { $0.count <= 60 })
    }

    @Test func wideAddsColumnsAndIgnoresTheWidth() {
        let lines = Self.table(width: 60, wide: true)
        #expect(lines[0].hasSuffix("CREDENTIALS  SKIP UNAVAILABLE  CONNECT TIMEOUT"))
        #expect(lines[1].hasSuffix("API key      true              30s"))
        #expect(lines[3].hasSuffix("none         -                 -"))
        #expect(lines[1].contains("lb-logs.eu-west-1.example.net:9443"))
    }

    @Test func noLimitWhenTheWidthIsUnknown() {
        #expect(Self.table(width: nil) == Self.table(width: 200))
    }

    @Test func asciiSymbolsShortenWithATilde() {
        let lines = RemoteInfoTable.lines(for: Self.remotes, symbols: .ascii, width: 80)
        #expect(lines[1].contains("lb-logs.~et:9443") || lines[1].contains("~"))
        #expect(!lines.joined().contains("…"))
    }

    @Test func aTableTooWideEvenAtItsNarrowestIsPrintedNarrowest() {
        let table = TextTable(
            columns: [TextTable.Column("NAME"), TextTable.Column("VALUE", minimumWidth: 6)],
            rows: [["a-rather-long-name-that-stays", "0123456789abcdef"]])
        #expect(
            table.lines(width: 10) == ["NAME                           VALUE", "a-rather-long-name-that-stays  01234…"])
    }

    @Test func middleShorteningKeepsBothEnds() {
        #expect(TextTable.shorten("lb.example.net:9443", to: 11, how: .middle, ellipsis: "…") == "lb.ex…:9443")
        #expect(TextTable.shorten("lb.example.net:9443", to: 11, how: .end, ellipsis: "…") == "lb.example…")
        #expect(TextTable.shorten("short", to: 11, how: .end, ellipsis: "…") == "short")
    }

    @Test(arguments: [
        (nil as Int?, ["COLUMNS": "120"], 120 as Int?),
        (nil, [:], nil),
        (nil, ["COLUMNS": "wide"], nil),
        (nil, ["COLUMNS": "0"], nil),
        (90, ["COLUMNS": "120"], 90),
    ])
    func widthIsTheTerminalsElseColumns(reported: Int?, environment: [String: String], expected: Int?) {
        #expect(TerminalWidth.columns(reported: reported, environment: environment) == expected)
    }
}

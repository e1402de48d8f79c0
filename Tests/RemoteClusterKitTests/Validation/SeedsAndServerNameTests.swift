import Testing
@testable import RemoteClusterKit

@Suite struct SeedsValidationTests {
    @Test func acceptsDistinctSeeds() {
        #expect(Validators.seeds(["node-1.example.com:9443", "[2001:db8::2]:9443", " 192.0.2.3:9443 "]).isEmpty)
    }

    @Test func ignoresBlankEntries() {
        #expect(Validators.seeds(["", "node-1.example.com:9443", "  "]).isEmpty)
    }

    static let bad: [(seeds: [String], row: BadInput)] = [
        ([], BadInput("", problem: "no seed node", fix: "at least one seed")),
        (["", " "], BadInput(" ", problem: "no seed node", fix: "host:port")),
        (
            ["node-1:9443", "node-1:9443"],
            BadInput("node-1:9443 twice", problem: "listed more than once", fix: "duplicate")
        ),
        (
            ["NODE-1:9443", "node-1:9443"],
            BadInput("node-1 in two cases", problem: "listed more than once", fix: "duplicate")
        ),
        (["node-1:9443", "node_2:9443"], BadInput("node_2:9443", problem: "underscore", fix: "host name")),
        (["node-1"], BadInput("node-1", problem: "has no port", fix: "9443")),
    ]

    @Test(arguments: bad.indices)
    func refusesBadSeeds(index: Int) {
        let (seeds, row) = Self.bad[index]
        row.verify(Validators.seeds(seeds), field: "Seed nodes")
    }

    @Test func warnsForTheHTTPPortInASeed() {
        let problems = Validators.seeds(["node-1:9200"])
        #expect(problems.map(\.severity) == [.warning])
        #expect(problems.first?.problem.contains("REST API") == true)
    }
}

@Suite struct ServerNameValidationTests {
    @Test(arguments: [
        "", "remote.example.com", "quickstart-es-remote-cluster.default.svc",
        "a542184a7a7d45b88b83f95392f450ab.192.0.2.10.ip.es.io", "localhost",
    ])
    func acceptsHostNamesAndEmpty(name: String) {
        #expect(Validators.serverName(name).isEmpty)
    }

    static let bad: [BadInput] = [
        BadInput("192.0.2.10", problem: "is an IP address", fix: "DNS name"),
        BadInput("2001:db8::1", problem: "is an IP address", fix: "leave the field empty"),
        BadInput("[2001:db8::1]", problem: "is an IP address", fix: "DNS name"),
        BadInput("192.0.2.10:9443", problem: "IP address with a port", fix: "DNS name"),
        BadInput("remote.example.com:9443", problem: "includes a port", fix: "enter just remote.example.com"),
        BadInput("https://remote.example.com:9443/", problem: "is a URL", fix: "e.g. remote.example.com."),
        BadInput("*.example.com", problem: "wildcard", fix: "node-1.example.com"),
        BadInput("remote_cluster.example.com", problem: "underscore", fix: "DNS name"),
        BadInput("remote..example.com", problem: "empty part", fix: "DNS name"),
        BadInput("remote.example.com.", problem: "ends with a dot", fix: "remote.example.com"),
        BadInput("remote example", problem: "' '", fix: "DNS name"),
    ]

    @Test(arguments: bad)
    func refusesBadServerNames(row: BadInput) {
        row.verify(Validators.serverName(row.input), field: "Server name")
    }
}

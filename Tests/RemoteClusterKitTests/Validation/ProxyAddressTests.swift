import Testing
@testable import RemoteClusterKit

@Suite struct ProxyAddressTests {
    @Test(arguments: [
        ("remote.example.com:9443", "remote.example.com", 9443, false),
        ("  192.0.2.10:9443 ", "192.0.2.10", 9443, false),
        ("[2001:db8::1]:9443", "2001:db8::1", 9443, true),
        ("[::1]:1", "::1", 1, true),
        ("[fe80::1%eth0]:9443", "fe80::1%eth0", 9443, true),
        ("[::ffff:192.0.2.1]:65535", "::ffff:192.0.2.1", 65535, true),
        (
            "a542184a7a7d45b88b83f95392f450ab.192.0.2.10.ip.es.io:9443",
            "a542184a7a7d45b88b83f95392f450ab.192.0.2.10.ip.es.io", 9443, false
        ),
        ("quickstart-es-remote-cluster.default.svc:9443", "quickstart-es-remote-cluster.default.svc", 9443, false),
        ("LOCALHOST:9443", "LOCALHOST", 9443, false),
    ])
    func parsesGoodAddresses(text: String, host: String, port: Int, isIPv6: Bool) throws {
        let address = try ProxyAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.isIPv6 == isIPv6)
        #expect(address.description == text.trimmingCharacters(in: .whitespaces))
        #expect(Validators.proxyAddress(text).isEmpty)
    }

    @Test func descriptionBracketsIPv6() {
        #expect(ProxyAddress(host: "2001:db8::5", port: 9443).description == "[2001:db8::5]:9443")
        #expect(ProxyAddress(host: "example.net", port: 9443).description == "example.net:9443")
    }

    static let bad: [BadInput] = [
        BadInput("", problem: "is empty", fix: "host:port"),
        BadInput("remote.example.com", problem: "has no port", fix: "e.g. remote.example.com:9443."),
        BadInput("remote.example.com:", problem: "no port", fix: "9443"),
        BadInput("remote.example.com:abc", problem: "not a number", fix: "digits"),
        BadInput("remote.example.com:0", problem: "outside the range 1–65535", fix: "9443"),
        BadInput("remote.example.com:65536", problem: "outside the range", fix: "between 1 and 65535"),
        BadInput("remote.example.com:100000000", problem: "outside the range", fix: "9443"),
        BadInput("remote.example.com:-1", problem: "not a number", fix: "digits"),
        BadInput(
            "https://remote.example.com:9443", problem: "starts with \"https://\"",
            fix: "Remove \"https://\" and enter only host:port, e.g. remote.example.com:9443."),
        BadInput("http://remote.example.com:9443/", problem: "not a URL", fix: "remote.example.com:9443"),
        BadInput("2001:db8::1", problem: "IPv6 address without brackets", fix: "[2001:db8::1]:9443"),
        BadInput("2001:db8::1:9443", problem: "without brackets", fix: "square brackets"),
        BadInput("[2001:db8::1", problem: "never closes", fix: "[2001:db8::1]:9443"),
        BadInput("[2001:db8::1]", problem: "has no port", fix: "e.g. [2001:db8::1]:9443."),
        BadInput("[2001:db8::1]9443", problem: "after ']'", fix: "[2001:db8::1]:9443"),
        BadInput("[remote.example.com]:9443", problem: "not an IPv6 address", fix: "without them"),
        BadInput("[1:2:3:4:5:6:7:8:9]:9443", problem: "not an IPv6 address", fix: "brackets"),
        BadInput("remote_cluster.example.com:9443", problem: "underscore", fix: "host name"),
        BadInput("remote..example.com:9443", problem: "empty part", fix: "host name"),
        BadInput(".example.com:9443", problem: "empty part", fix: "host name"),
        BadInput("-bad.example.com:9443", problem: "starts or ends with a dash", fix: "host name"),
        BadInput(String(repeating: "a", count: 64) + ".example.com:9443", problem: "longer than 63", fix: "host name"),
        BadInput(
            Array(repeating: "abcdefghi", count: 26).joined(separator: ".") + ":9443", problem: "the limit is 253",
            fix: "host name"),
        BadInput("192.168.1:9443", problem: "not a valid IPv4 address", fix: "four numbers from 0 to 255"),
        BadInput("256.1.1.1:9443", problem: "not a valid IPv4", fix: "four numbers from 0 to 255"),
        BadInput("1.2.3.4.5:9443", problem: "not a valid IPv4", fix: "four numbers from 0 to 255"),
        BadInput("remote example.com:9443", problem: "white space", fix: "without spaces"),
        BadInput("remote.example.com:9443/path", problem: "contains a path", fix: "remote.example.com:9443"),
        BadInput("rémote.example.com:9443", problem: "'é'", fix: "host name"),
        BadInput("a:b:c", problem: "more than one ':'", fix: "host and port"),
    ]

    @Test(arguments: bad)
    func refusesBadAddresses(row: BadInput) {
        row.verify(Validators.proxyAddress(row.input), field: "Proxy address")
        #expect(throws: FieldProblem.self) { try ProxyAddress(parsing: row.input) }
    }

    @Test(arguments: [(9200, "REST API"), (9300, "transport port"), (9400, "Elastic Cloud proxy port")])
    func warnsForWellKnownWrongPorts(port: Int, usage: String) throws {
        let problems = Validators.proxyAddress("remote.example.com:\(port)")
        let warning = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.problem.hasPrefix("port \(port) is usually"))
        #expect(warning.problem.contains(usage))
        #expect(warning.fix.contains("9443"))
        #expect(warning.fix.contains("remote.example.com:9443"))
    }

    @Test func usesTheGivenFieldName() {
        let problems = Validators.proxyAddress("nope", field: "remotes[1].proxyAddress")
        #expect(problems.map(\.field) == ["remotes[1].proxyAddress"])
    }
}

import Testing
@testable import RemoteClusterKit

@Suite struct ClusterURLValidationTests {
    @Test(arguments: [
        "https://central.example.net:9200", "https://central.example.net", "https://central.example.net:9243/",
        "https://[2001:db8::1]:9200", "https://192.0.2.4:9200", "HTTPS://central.example.net",
    ])
    func acceptsHTTPSURLs(url: String) {
        #expect(Validators.clusterURL(url).isEmpty)
    }

    @Test func warnsForPlainHTTP() throws {
        let problems = Validators.clusterURL("http://localhost:9200")
        let warning = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.problem.contains("plain http"))
        #expect(warning.fix.contains("https://localhost:9200"))
    }

    static let bad: [BadInput] = [
        BadInput("", problem: "is empty", fix: "https://"),
        BadInput("central.example.net:9200", problem: "has no scheme", fix: "https://central.example.net:9200"),
        BadInput("ftp://central.example.net", problem: "not an HTTP scheme", fix: "https://"),
        BadInput(
            "https://central.example.net:9200/app/kibana", problem: "has a path",
            fix: "https://central.example.net:9200."),
        BadInput("https://central.example.net?pretty", problem: "path or query", fix: "https://central.example.net."),
        BadInput(
            "https://elastic:changeme@central.example.net", problem: "user name or password",
            fix: "https://central.example.net,"),
        BadInput("https://central.example.net:99999", problem: "outside the range", fix: "between 1 and 65535"),
        BadInput("https://central.example.net:port", problem: "not a number", fix: "digits"),
        BadInput("https://", problem: "has no host name", fix: "host name"),
        BadInput("https://2001:db8::1:9200", problem: "without brackets", fix: "square brackets"),
        BadInput("https://central_cluster.example.net", problem: "underscore", fix: "host name"),
        BadInput("https://central example.net", problem: "white space", fix: "Remove the spaces"),
    ]

    @Test(arguments: bad)
    func refusesBadURLs(row: BadInput) {
        row.verify(Validators.clusterURL(row.input), field: "Cluster URL")
    }
}

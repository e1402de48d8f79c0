import ClusterSimulator
import CommandLineSupport
import Foundation
import RemoteClusterKit
import Testing

/// `remote-cluster-wizard status`, run as a process against a loopback HTTPS listener that
/// answers like Elasticsearch.
@Suite struct StatusCommandTests {
    let pki: TestPKI

    init() throws { pki = try TestPKI() }

    /// The proxy-mode `_remote/info` example from es-reference.
    static func remoteInfoExample() throws -> String {
        let path = WizardProcess.repositoryRoot.appendingPathComponent(
            "../shared/es-reference/examples/cluster.remote_info/response/es-test-RemoteClusterConnectionTests.proxy-with-cluster-credentials.json"
        )
        return try String(contentsOf: path, encoding: .utf8)
    }

    func elasticsearch(status: Int = 200, body: String) async throws -> (
        LoopbackTLSServer, RecordingResponder
    ) {
        let responder = RecordingResponder(status: status, body: body)
        return (try await pki.tlsServer(behavior: responder.behavior), responder)
    }

    @Test func printsTheTableWithBasicAuthFromTheEnvironment() async throws {
        let (server, responder) = try await elasticsearch(body: Self.remoteInfoExample())
        defer { Task { await server.shutdown() } }
        let port = try #require(server.port)

        let run = try await WizardProcess.run(
            ["status", "--url", "https://127.0.0.1:\(port)", "--user", "elastic", "--ca", pki.caFile],
            environment: ["ES_PASSWORD": "changeme", "LANG": "C.UTF-8"])

        #expect(run.status == 0, "\(run.standardError)")
        #expect(
            run.standardOutput == """
                ALIAS         CONNECTED  MODE   ADDRESS  SERVER NAME      CONNECTIONS    CREDENTIALS
                test_cluster  ✓ yes      proxy  seed:1   the_server_name  sockets 16/18  API key

                """)
        let request = try #require(responder.requests.first)
        #expect(request.uri == "/_remote/info")
        #expect(
            request.header("Authorization") == "Basic "
                + Data("elastic:changeme".utf8).base64EncodedString())
    }

    @Test func aRemoteThatIsDownGetsItsCauseAndFixAndExitStatus1() async throws {
        let down = try Self.remoteInfoExample()
            .replacingOccurrences(of: "\"connected\" : true", with: "\"connected\" : false")
            .replacingOccurrences(of: "\"connected\": true", with: "\"connected\": false")
        let (server, responder) = try await elasticsearch(body: down)
        defer { Task { await server.shutdown() } }
        let port = try #require(server.port)

        let run = try await WizardProcess.run(
            ["status", "--url", "https://127.0.0.1:\(port)", "--ca", pki.caFile, "--timeout", "30"],
            environment: ["ES_API_KEY": Data("id:key".utf8).base64EncodedString(), "LANG": "C"])

        #expect(run.status == 1, "\(run.standardError)")
        #expect(run.standardOutput.contains("test_cluster  [x] no"))
        #expect(
            run.standardOutput.contains(
                "[x] test_cluster: The local cluster cannot reach test_cluster's remote cluster server"))
        #expect(run.standardOutput.contains("  Fix: "))
        let paths = responder.requests.map(\.uri)
        #expect(
            paths.starts(with: ["/_remote/info", "/_resolve/cluster/test_cluster%3A%2A"])
                || paths.starts(with: ["/_remote/info", "/_resolve/cluster/test_cluster:*"]), "\(paths)")
        #expect(paths.contains { $0.hasSuffix("/_search") })
    }

    @Test func jsonKeepsElasticsearchFieldNamesAndAPIKeyComesFromAFile() async throws {
        let (server, responder) = try await elasticsearch(body: Self.remoteInfoExample())
        defer { Task { await server.shutdown() } }
        let port = try #require(server.port)
        let key = Data("VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw".utf8).base64EncodedString()
        let keyFile = try pki.file(named: "api-key", text: key + "\n")

        let run = try await WizardProcess.run([
            "status", "--url", "https://127.0.0.1:\(port)", "--api-key-file", keyFile, "--ca", pki.caFile,
            "--json",
        ])

        #expect(run.status == 0, "\(run.standardError)")
        #expect(try JSONValue.parse(run.standardOutput) == JSONValue.parse(Self.remoteInfoExample()))
        #expect(responder.requests.first?.header("Authorization") == "ApiKey \(key)")
    }

    @Test func insecureSaysVerificationIsOff() async throws {
        let (server, _) = try await elasticsearch(body: "{}")
        defer { Task { await server.shutdown() } }
        let port = try #require(server.port)

        let run = try await WizardProcess.run(
            ["status", "--url", "https://127.0.0.1:\(port)", "--insecure"], environment: ["LANG": "C"])

        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "No remote clusters are configured on this cluster.\n")
        #expect(
            run.standardError
                == "warning: TLS verification is off (--insecure): the cluster's identity was not checked.\n")
    }

    @Test func refusedConnectionExitsOneWithTheTransportSentence() async throws {
        let (port, holder) = try TestPKI.refusingPort()
        let run = try await WizardProcess.run([
            "status", "--url", "https://127.0.0.1:\(port)", "--ca", pki.caFile,
        ])
        await holder.shutdown()
        #expect(run.status == 1)
        #expect(
            run.standardError
                == "error: \(TransportError.connectionRefused(host: "127.0.0.1", port: port))\n")
    }

    @Test func untrustedCertificateExitsOne() async throws {
        let (server, responder) = try await elasticsearch(body: "{}")
        defer { Task { await server.shutdown() } }
        let run = try await WizardProcess.run([
            "status", "--url", "https://127.0.0.1:\(try #require(server.port))",
        ])
        #expect(run.status == 1)
        #expect(run.standardError.hasPrefix("error: The server's certificate is not trusted"))
        #expect(responder.requests.isEmpty)
    }

    @Test func refusedCredentialsExitOneWithTheElasticsearchSentence() async throws {
        let body =
            #"{"error":{"root_cause":[{"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/_remote/info]"}],"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/_remote/info]"},"status":401}"#
        let (server, _) = try await elasticsearch(status: 401, body: body)
        defer { Task { await server.shutdown() } }

        let run = try await WizardProcess.run(
            [
                "status", "--url", "https://127.0.0.1:\(try #require(server.port))", "--user", "elastic",
                "--ca", pki.caFile,
            ],
            environment: ["ES_PASSWORD": "wrong-password"])

        #expect(run.status == 1)
        #expect(run.standardError.contains("unable to authenticate user [elastic]"))
        #expect(!run.standardError.contains("wrong-password"))
    }

    @Test(arguments: [
        (["status"], [String: String]()),
        (["status", "--url", "https://127.0.0.1:9200", "--password", "secret"], [:]),
        (["status", "--url", "ftp://example.net"], [:]),
        (["status", "--url", "https://127.0.0.1:9200", "--user", "elastic"], [:]),
        (["status", "--url", "https://127.0.0.1:9200", "--password-file", "/nonexistent"], [:]),
        (["status", "--url", "https://127.0.0.1:9200"], ["ES_API_KEY": "not base64 !"]),
        (["status", "--url", "https://127.0.0.1:9200", "--ca", "/nonexistent/ca.crt"], [:]),
        (["status", "--url", "https://127.0.0.1:9200"], ["ES_PASSWORD": "changeme"]),
    ])
    func badInputExitsTwo(arguments: [String], environment: [String: String]) async throws {
        let run = try await WizardProcess.run(arguments, environment: environment)
        #expect(run.status == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.hasPrefix("error: "))
    }

    @Test func watchRefreshesUntilInterrupted() async throws {
        let (server, responder) = try await elasticsearch(body: Self.remoteInfoExample())
        defer { Task { await server.shutdown() } }
        let watch = try WizardProcess(
            [
                "status", "--url", "https://127.0.0.1:\(try #require(server.port))", "--ca", pki.caFile,
                "--watch",
            ])

        // Two refreshes printed (each asks _remote/info and then _resolve/cluster), then Ctrl-C.
        let deadline = Date().addingTimeInterval(30)
        while watch.outputSoFar.components(separatedBy: "Ctrl-C to stop.").count < 3 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(responder.requests.count >= 4)
        kill(watch.process.processIdentifier, SIGINT)
        let run = try await watch.finish(timeout: 10)

        #expect(run.status == 0)
        #expect(run.standardOutput.components(separatedBy: "Ctrl-C to stop.").count >= 3)
        #expect(run.standardOutput.contains("test_cluster"))
    }

    @Test func watchWithJSONPrintsOneObjectPerLine() async throws {
        let (server, responder) = try await elasticsearch(body: Self.remoteInfoExample())
        defer { Task { await server.shutdown() } }
        let watch = try WizardProcess(
            [
                "status", "--url", "https://127.0.0.1:\(try #require(server.port))", "--ca", pki.caFile,
                "--watch", "--json",
            ])

        let deadline = Date().addingTimeInterval(20)
        // A refresh (_remote/info, then _resolve/cluster) is printed before the next one is asked
        // for: five requests, two lines.
        while responder.requests.count < 5 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(responder.requests.count >= 5)
        kill(watch.process.processIdentifier, SIGINT)
        let run = try await watch.finish(timeout: 10)

        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count >= 2)
        for line in lines {
            #expect(try JSONValue.parse(line)["test_cluster"]?["mode"] == "proxy", "\(line)")
        }
    }

    @Test func plainHTTPURLIsWarnedAboutOnStandardError() async throws {
        let server = try await TestPKI.plainServer(
            behavior: RecordingResponder(body: Self.remoteInfoExample()).behavior)
        defer { Task { await server.shutdown() } }

        let run = try await WizardProcess.run(
            ["status", "--url", "http://127.0.0.1:\(try #require(server.port))", "--json"])

        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.hasPrefix("warning: --url: "))
        #expect(run.standardError.contains("plain http"))
        #expect(try JSONValue.parse(run.standardOutput)["test_cluster"] != nil)
    }
}

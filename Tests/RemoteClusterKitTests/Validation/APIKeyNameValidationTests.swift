import Testing
@testable import RemoteClusterKit

/// The name of a key to create, checked by Elasticsearch's rules before any request is sent.
@Suite struct APIKeyNameValidationTests {
    @Test(arguments: ["central-to-logs", "inner space", "k", String(repeating: "k", count: 256), "Ünïcode-näme"])
    func namesElasticsearchAcceptsPass(_ name: String) {
        #expect(Validators.apiKeyName(name).isEmpty)
    }

    @Test(arguments: [
        ("", ["is empty"]),
        ("   ", ["is empty"]),
        (" central", ["\" central\" begins or ends with whitespace, which Elasticsearch refuses"]),
        ("central\t", ["\"central\t\" begins or ends with whitespace, which Elasticsearch refuses"]),
        ("_central", ["\"_central\" begins with '_', which Elasticsearch keeps for its own keys"]),
        (
            "_central ",
            [
                "\"_central \" begins or ends with whitespace, which Elasticsearch refuses",
                "\"_central \" begins with '_', which Elasticsearch keeps for its own keys",
            ]
        ),
        (
            String(repeating: "k", count: 257),
            ["is 257 characters long (it starts \"kkkkkkkkkkkkkkkkkkkk…\" (257 characters)); Elasticsearch allows 256"]
        ),
        // Elasticsearch counts UTF-16 code units: 129 emoji are 258 of them.
        (
            String(repeating: "🔑", count: 129),
            ["is 258 characters long (it starts \"🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑…\" (129 characters)); Elasticsearch allows 256"]
        ),
    ])
    func namesElasticsearchRefusesAreRefusedFirst(_ name: String, _ expected: [String]) {
        let problems = Validators.apiKeyName(name, field: "Key name")
        #expect(problems.map(\.problem) == expected)
        #expect(problems.allSatisfy { $0.field == "Key name" && $0.severity == .error && $0.fix.hasSuffix(".") })
    }
}

import Testing
@testable import RemoteClusterKit

/// `JSONValue` ↔ YAML through Yams: key order, scalar types, quoting of look-alike strings.
@Suite struct YAMLConversionTests {
    @Test func keepsKeyOrderAndTypes() throws {
        let value = try JSONValue.parseYAML(
            """
            zeta: 1
            alpha: "9443"
            beta: true
            gamma: 'false'
            delta: null
            eps: 1.5
            list: [a, 2]
            """)
        #expect(
            value == [
                "zeta": 1, "alpha": "9443", "beta": true, "gamma": "false", "delta": nil, "eps": 1.5, "list": ["a", 2],
            ])
        #expect(value.objectValue.map { Array($0.keys) } == ["zeta", "alpha", "beta", "gamma", "delta", "eps", "list"])
    }

    @Test func stringsThatLookLikeOtherTypesAreQuoted() throws {
        let value: JSONValue = [
            "enabled": "true", "port": "9443", "on": "yes", "empty": "", "nothing": "null", "real": true, "n": 9443,
        ]
        let text = value.yamlString()
        #expect(try JSONValue.parseYAML(text) == value)
        #expect(text.contains("real: true\n"))
        #expect(text.contains("n: 9443\n"))
    }

    @Test func multiLineStringsUseTheLiteralStyle() throws {
        let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        let value: JSONValue = ["data": ["ca.crt": .string(pem)]]
        let text = value.yamlString()
        #expect(text.contains("ca.crt: |"))
        #expect(try JSONValue.parseYAML(text) == value)
    }

    @Test func emptyDocumentIsNullAndBadYAMLIsAnError() throws {
        #expect(try JSONValue.parseYAML("") == .null)
        #expect(throws: YAMLConversionError.self) { try JSONValue.parseYAML("a: [") }
    }

    @Test func versionsCompare() {
        #expect(ECKVersion("3.3.0")! >= FeatureVersions.eckRemoteClusterServiceTemplate)
        #expect(ECKVersion("v3.2.9")! < FeatureVersions.eckRemoteClusterServiceTemplate)
        #expect(SemanticVersion("9.5")! == SemanticVersion(9, 5, 0))
        #expect(SemanticVersion("9.5.0-SNAPSHOT")?.description == "9.5.0-SNAPSHOT")
        for bad in ["", "three", "3..1", "3.3.3.3", "-1.0", "3.x"] { #expect(SemanticVersion(bad) == nil, "\(bad)") }
    }
}

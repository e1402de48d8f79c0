import Foundation
import Testing
@testable import RemoteClusterKit

/// Plans hold no secret: one written where the plan names a variable, a file or a URL is
/// refused, and the message does not repeat it.
@Suite struct PlanSecretTests {
    static let key = Data("VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw".utf8).base64EncodedString()

    static func plan(
        apiKey: String, localPassword: String = "LOCAL_PASSWORD", url: String = "https://central.example.net:9200"
    )
        -> String
    {
        """
        remotes:
          - alias: logs
            type: ech
            proxyAddress: logs.example.net:9443
            apiKey: \(apiKey)
        local:
          url: \(url)
          user: elastic
          passwordEnv: \(localPassword)
          eck: {name: central, namespace: search, context: local-ctx}
        """
    }

    func problems(_ yaml: String) throws -> [FieldProblem] {
        do {
            _ = try Plan.parse(yaml: yaml, folder: URL(fileURLWithPath: "/nonexistent"))
            return []
        } catch {
            return error.problems
        }
    }

    @Test func anEncodedKeyAsTheVariableNameIsRefusedWithoutEcho() throws {
        let found = try problems(Self.plan(apiKey: "{encodedEnv: \(Self.key)}"))
        #expect(found.map(\.field) == ["remotes[0].apiKey.encodedEnv"])
        #expect(!PlanError(problems: found).description.contains(Self.key))
    }

    @Test func aBareKeyIsRefusedWithoutEcho() throws {
        let found = try problems(Self.plan(apiKey: Self.key))
        #expect(found.map(\.field) == ["remotes[0].apiKey"])
        #expect(found.first?.problem.hasPrefix("is a single value, but a plan never holds the key itself") == true)
        #expect(!PlanError(problems: found).description.contains(Self.key))
    }

    @Test func anEncodedKeyAsTheFilePathIsRefusedWithoutEcho() throws {
        let found = try problems(Self.plan(apiKey: "{encodedFile: \(Self.key)}"))
        #expect(found.map(\.field) == ["remotes[0].apiKey.encodedFile"])
        #expect(!PlanError(problems: found).description.contains(Self.key))
    }

    @Test func aPasswordAsTheVariableNameIsRefusedWithoutEcho() throws {
        let found = try problems(Self.plan(apiKey: "{encodedEnv: LOGS_KEY}", localPassword: "\"Tr0ub4dor&3\""))
        #expect(found.map(\.field) == ["local.passwordEnv"])
        #expect(!PlanError(problems: found).description.contains("Tr0ub4dor"))
    }

    @Test func aURLWithAPasswordIsRefusedWithoutEcho() throws {
        let found = try problems(
            Self.plan(apiKey: "{encodedEnv: LOGS_KEY}", url: "https://elastic:Tr0ub4dor@central.example.net:9200"))
        #expect(found.map(\.field) == ["local.url"])
        #expect(!PlanError(problems: found).description.contains("Tr0ub4dor"))
    }

    @Test func theResolverTrimsTheLineBreakOfAnEnvironmentValue() throws {
        let parsed = try Plan.parse(
            yaml: Self.plan(apiKey: "{encodedEnv: LOGS_KEY}"), folder: URL(fileURLWithPath: "/nonexistent"))
        let resolver = PlanSecretResolver(environment: ["LOGS_KEY": Self.key + "\n", "LOCAL_PASSWORD": "pw\r\n"])
        #expect(try resolver.encodedKey(for: parsed.plan.remotes[0])?.revealed == Self.key)
        #expect(try resolver.localPassword(for: parsed.plan).revealed == "pw")
    }
}

import Foundation
import Testing
@testable import RemoteClusterKit

/// Elasticsearch adds response fields in new versions: decoders take what they know and ignore
/// the rest. Every response example in `../shared/es-reference` decodes to the same value with
/// unknown fields added (at the top level and in every object of its arrays, or in each member of
/// a name-keyed answer).
@Suite struct UnknownFieldTests {
    static let unknown: JSONValue = ["added_in_a_later_version": true, "nested": [1, "two", ["three": 3]]]

    /// `value` with `unknown_field` added to the top-level object and to each object in its arrays.
    static func withUnknownFields(_ value: JSONValue?) -> JSONValue? {
        guard var object = value, let members = object.objectValue else { return value }
        for key in members.keys {
            guard let items = members[key]?.arrayValue else { continue }
            object[key] = .array(
                items.map { item in
                    guard item.objectValue != nil else { return item }
                    var extended = item
                    extended["unknown_field"] = unknown
                    return extended
                })
        }
        object["unknown_field"] = unknown
        return object
    }

    /// `value` (an object keyed by name, such as `_remote/info`) with `unknown_field` added to
    /// each member object.
    static func withUnknownFieldsInEachMember(_ value: JSONValue?) -> JSONValue? {
        guard var object = value, let members = object.objectValue else { return value }
        for key in members.keys where members[key]?.objectValue != nil {
            object[key]?["unknown_field"] = unknown
        }
        return object
    }

    /// Decodes the example as it is and with unknown fields, and expects the same result.
    func expectSameDecoding<Decoded: Equatable>(
        _ file: String, extend: (JSONValue?) -> JSONValue? = withUnknownFields,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ decode: (ElasticsearchClient) async throws -> Decoded
    ) async throws {
        let example = try SharedReference.example(file).value
        let plain = try await decode(ElasticsearchClient.recording(RecordingTransport(status: 200, json: example ?? [:])))
        let extended = extend(example)
        #expect(extended != example, "\(file): nothing was added", sourceLocation: sourceLocation)
        let decoded = try await decode(
            ElasticsearchClient.recording(RecordingTransport(status: 200, json: extended ?? [:])))
        #expect(decoded == plain, "\(file)", sourceLocation: sourceLocation)
    }

    @Test func everyResponseExampleIgnoresUnknownFields() async throws {
        let examples = "examples"
        for file in try SharedReference.files(in: "\(examples)/info/response") {
            try await expectSameDecoding(file) { try await $0.info() }
        }
        for file in try SharedReference.files(in: "\(examples)/security.authenticate/response") {
            try await expectSameDecoding(file) { try await $0.authenticate() }
        }
        try await expectSameDecoding(
            "\(examples)/security.create_cross_cluster_api_key/response/es-docs-update-cc-api-key-examples.create-response.json"
        ) { try await $0.createCrossClusterAPIKey(.init(name: "n", access: .init())) }
        for file in try SharedReference.files(in: "\(examples)/security.update_cross_cluster_api_key/response") {
            try await expectSameDecoding(file) { try await $0.updateCrossClusterAPIKey(id: "i", .init(metadata: [:])) }
        }
        for file in try SharedReference.files(in: "\(examples)/security.get_api_key/response") {
            try await expectSameDecoding(file) { try await $0.apiKeys(.init(name: "x")) }
        }
        for file in try SharedReference.files(in: "\(examples)/security.invalidate_api_key/response") {
            // An error cause keeps its whole object (`details`); its type and reason must stay.
            try await expectSameDecoding(file) { client in
                var result = try await client.invalidateAPIKeys(.ids(["i"]))
                result.errors = result.errors.map { ElasticsearchErrorCause(type: $0.type, reason: $0.reason) }
                return result
            }
        }
        for file in try SharedReference.files(in: "\(examples)/nodes.reload_secure_settings/response") {
            try await expectSameDecoding(file) { try await $0.reloadSecureSettings() }
        }
        for file in try SharedReference.files(in: "\(examples)/security.put_role/response") {
            try await expectSameDecoding(file) { try await $0.putRole(name: "r", RoleDefinition()) }
        }
        for file in try SharedReference.files(in: "\(examples)/cluster.remote_info/response") {
            // `raw` keeps the body as Elasticsearch sent it; every decoded field must stay the same.
            try await expectSameDecoding(file, extend: Self.withUnknownFieldsInEachMember) { client in
                try await client.remoteInfo().map { remote in
                    var withoutRaw = remote
                    withoutRaw.raw = [:]
                    return withoutRaw
                }
            }
        }
    }
}

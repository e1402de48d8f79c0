import Foundation
import RemoteClusterKit
import Yams

/// One Elasticsearch YAML REST test file: a list of named tests, each a list of steps
/// (`skip`, `do`, `set`, `match`, `is_true`, `is_false`, `length`), as in
/// `rest-api-spec/test/**/*.yml`.
struct YAMLRESTTestFile {
    struct Test {
        var name: String
        var steps: [Step]
    }

    /// One API call of a `do` step.
    struct Call {
        /// The API name, e.g. `cluster.put_settings`.
        var api: String
        /// Query parameters and the `body`.
        var parameters: [String: JSONValue]
        /// `catch`: `bad_request`, `missing`, `unauthorized`, `forbidden`, `conflict`, `request`, or `/regex/`.
        var expectedError: String?
        /// `warnings`: deprecation messages the response must carry (and no others).
        var warnings: [String]
        /// `allowed_warnings`: messages the response may carry.
        var allowedWarnings: [String]
    }

    enum Step {
        case skip(features: [String], version: String?, reason: String?)
        case call(Call)
        case set(path: String, variable: String)
        case match(path: String, expected: JSONValue)
        case isTrue(path: String)
        case isFalse(path: String)
        case length(path: String, count: Int)
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    var tests: [Test]

    /// Reads the YAML text (one test per `---` document).
    init(yaml: String) throws {
        var tests: [Test] = []
        for document in try Yams.load_all(yaml: yaml) {
            guard let mapping = document as? [String: Any] else { continue }
            for (name, value) in mapping {
                guard let steps = value as? [Any] else { throw ParseError(description: "test \(name) is not a list of steps") }
                tests.append(Test(name: name, steps: try steps.map(Self.step)))
            }
        }
        self.tests = tests
    }

    static func step(_ raw: Any) throws -> Step {
        guard let mapping = raw as? [String: Any], mapping.count == 1, let (kind, value) = mapping.first else {
            throw ParseError(description: "a step must be a mapping with one key: \(raw)")
        }
        switch kind {
        case "skip":
            let fields = value as? [String: Any] ?? [:]
            let features: [String]
            if let list = fields["features"] as? [Any] { features = list.map { "\($0)" } } else if let one = fields["features"] {
                features = ["\(one)"]
            } else {
                features = []
            }
            return .skip(features: features, version: fields["version"] as? String, reason: fields["reason"] as? String)
        case "do":
            guard var fields = value as? [String: Any] else { throw ParseError(description: "do needs a mapping") }
            let expectedError = fields.removeValue(forKey: "catch") as? String
            let warnings = (fields.removeValue(forKey: "warnings") as? [Any] ?? []).map { "\($0)" }
            let allowed = (fields.removeValue(forKey: "allowed_warnings") as? [Any] ?? []).map { "\($0)" }
            _ = fields.removeValue(forKey: "headers")
            guard fields.count == 1, let (api, parameters) = fields.first else {
                throw ParseError(description: "do must name exactly one API: \(fields.keys.sorted())")
            }
            var converted: [String: JSONValue] = [:]
            for (key, parameter) in parameters as? [String: Any] ?? [:] { converted[key] = json(parameter) }
            return .call(Call(api: api, parameters: converted, expectedError: expectedError, warnings: warnings, allowedWarnings: allowed))
        case "set":
            guard let fields = value as? [String: Any], let (path, variable) = fields.first else {
                throw ParseError(description: "set needs {path: variable}")
            }
            return .set(path: path, variable: "\(variable)")
        case "match":
            guard let fields = value as? [String: Any], let (path, expected) = fields.first else {
                throw ParseError(description: "match needs {path: value}")
            }
            return .match(path: path, expected: json(expected))
        case "is_true": return .isTrue(path: "\(value)")
        case "is_false": return .isFalse(path: "\(value)")
        case "length":
            guard let fields = value as? [String: Any], let (path, count) = fields.first, let number = count as? Int else {
                throw ParseError(description: "length needs {path: count}")
            }
            return .length(path: path, count: number)
        default:
            throw ParseError(description: "unsupported step [\(kind)]")
        }
    }

    /// A YAML value as JSON.
    static func json(_ value: Any) -> JSONValue {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .int(number)
        case let number as Double: return .number(number)
        case let list as [Any]: return .array(list.map(json))
        case let mapping as [String: Any]:
            return .object(.init(uniqueKeysWithValues: mapping.keys.sorted().map { ($0, json(mapping[$0]!)) }))
        default: return .null
        }
    }
}

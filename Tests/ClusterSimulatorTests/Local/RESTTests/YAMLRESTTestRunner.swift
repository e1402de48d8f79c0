import Foundation
import RemoteClusterKit

/// Runs `YAMLRESTTestFile` tests against a cluster over HTTP, the way Elasticsearch's YAML test
/// runner does for the features used here: `do` with `catch`, `warnings` and `allowed_warnings`,
/// `set` (stash), `match` (exact, numeric or `/regex/`), `is_true`, `is_false`, `length`, and paths
/// with escaped dots (`transient.cluster\.remote\.a\.mode`).
///
/// Calls to APIs in `skippedAPIs` are not sent; they and the assertions on their response are
/// reported in `Outcome.skipped` instead (the simulator has no indices to search).
struct YAMLRESTTestRunner {
    /// What one test did.
    struct Outcome {
        var test: String
        var failures: [String] = []
        var skipped: [String] = []
        var stepsRun = 0
    }

    var transport: any HTTPTransport
    var endpoint: ClusterEndpoint
    /// APIs the simulator does not serve, with the reason, e.g. `["search": "cross-cluster search …"]`.
    var skippedAPIs: [String: String]
    /// The version the cluster reports, for `skip.version` ranges.
    var version: String
    /// Runs between tests (Elasticsearch's runner wipes the cluster settings there).
    var cleanUp: () async throws -> Void = {}

    func run(_ test: YAMLRESTTestFile.Test) async -> Outcome {
        var outcome = Outcome(test: test.name)
        var stash: [String: JSONValue] = [:]
        var last: JSONValue = .null
        var skippingAssertions: String?
        for step in test.steps {
            switch step {
            case .skip(let features, let versionRange, let reason):
                let unsupported = features.filter { !["warnings", "allowed_warnings"].contains($0) }
                if !unsupported.isEmpty {
                    outcome.skipped.append("whole test: unsupported features \(unsupported)")
                    return outcome
                }
                if let versionRange, Self.version(version, isIn: versionRange) {
                    outcome.skipped.append("whole test: version \(version) in [\(versionRange)] (\(reason ?? ""))")
                    return outcome
                }
            case .call(let call):
                if let reason = skippedAPIs[call.api] {
                    skippingAssertions = call.api
                    outcome.skipped.append("do \(call.api): \(reason)")
                    continue
                }
                skippingAssertions = nil
                outcome.stepsRun += 1
                do {
                    last = try await perform(call, stash: stash, outcome: &outcome)
                } catch {
                    outcome.failures.append("do \(call.api): \(error)")
                    return outcome
                }
            case .set(let path, let variable):
                if let api = skippingAssertions { outcome.skipped.append("set \(path) (after skipped \(api))"); continue }
                outcome.stepsRun += 1
                guard let value = ObjectPath.evaluate(path, in: last, stash: stash) else {
                    outcome.failures.append("set: no value at [\(path)]")
                    return outcome
                }
                stash[variable] = value
            case .match(let path, let expected):
                if let api = skippingAssertions { outcome.skipped.append("match \(path) (after skipped \(api))"); continue }
                outcome.stepsRun += 1
                let actual = ObjectPath.evaluate(path, in: last, stash: stash)
                let wanted = Self.substitute(expected, stash: stash)
                if !Self.matches(actual, wanted) {
                    outcome.failures.append("match [\(path)]: expected \(wanted.jsonString()) but was \(actual?.jsonString() ?? "missing")")
                }
            case .isTrue(let path), .isFalse(let path):
                if let api = skippingAssertions { outcome.skipped.append("is_true/is_false \(path) (after skipped \(api))"); continue }
                outcome.stepsRun += 1
                let value = ObjectPath.evaluate(path, in: last, stash: stash)
                let truthy = Self.isTruthy(value)
                if case .isTrue = step, !truthy { outcome.failures.append("is_true [\(path)] was \(value?.jsonString() ?? "missing")") }
                if case .isFalse = step, truthy { outcome.failures.append("is_false [\(path)] was \(value?.jsonString() ?? "missing")") }
            case .length(let path, let count):
                if let api = skippingAssertions { outcome.skipped.append("length \(path) (after skipped \(api))"); continue }
                outcome.stepsRun += 1
                let value = ObjectPath.evaluate(path, in: last, stash: stash)
                let actual = value?.arrayValue?.count ?? value?.objectValue?.count ?? value?.stringValue?.count
                if actual != count { outcome.failures.append("length [\(path)]: expected \(count) but was \(actual.map(String.init) ?? "missing")") }
            }
        }
        do { try await cleanUp() } catch { outcome.failures.append("clean-up: \(error)") }
        return outcome
    }

    struct CallError: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends one call; checks `catch` and the warnings; returns the response body.
    private func perform(_ call: YAMLRESTTestFile.Call, stash: [String: JSONValue], outcome: inout Outcome) async throws -> JSONValue {
        var parameters = call.parameters.mapValues { Self.substitute($0, stash: stash) }
        let body = parameters.removeValue(forKey: "body")
        let request = try Self.request(api: call.api, parameters: parameters, body: body)
        let response: HTTPResponse
        do {
            response = try await transport.send(request, to: endpoint)
        } catch {
            throw CallError(description: "transport failed: \(error)")
        }
        let parsed = (try? JSONValue.parse(response.body)) ?? .string(response.text)
        if let expected = call.expectedError {
            guard Self.status(response.status, matchesCatch: expected, body: response.text) else {
                throw CallError(description: "expected catch [\(expected)] but got \(response.status): \(response.text)")
            }
            return parsed
        }
        guard (200..<300).contains(response.status) else {
            throw CallError(description: "expected 2xx but got \(response.status): \(response.text)")
        }
        let received = response.headers.filter { $0.name.lowercased() == "warning" }.compactMap { Self.warningMessage($0.value) }
        for expected in call.warnings where !received.contains(expected) {
            outcome.failures.append("do \(call.api): expected warning [\(expected)] but got \(received)")
        }
        for message in received where !call.warnings.contains(message) && !call.allowedWarnings.contains(message) {
            outcome.failures.append("do \(call.api): unexpected warning [\(message)]")
        }
        return parsed
    }

    /// The REST request of an API call (only the APIs the settings tests use).
    static func request(api: String, parameters: [String: JSONValue], body: JSONValue?) throws -> HTTPRequest {
        let query = parameters.keys.sorted().map { key -> String in
            let value = parameters[key]!
            let text = value.stringValue ?? value.jsonString()
            return "\(key)=\(text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? text)"
        }.joined(separator: "&")
        let suffix = query.isEmpty ? "" : "?" + query
        switch api {
        case "cluster.get_settings": return HTTPRequest(method: .get, path: "/_cluster/settings" + suffix)
        case "cluster.put_settings": return HTTPRequest(method: .put, path: "/_cluster/settings" + suffix, body: body)
        case "cluster.remote_info": return HTTPRequest(method: .get, path: "/_remote/info" + suffix)
        default: throw CallError(description: "the runner does not know the API [\(api)]")
        }
    }

    static func status(_ status: Int, matchesCatch expected: String, body: String) -> Bool {
        switch expected {
        case "bad_request": return status == 400
        case "unauthorized": return status == 401
        case "forbidden": return status == 403
        case "missing": return status == 404
        case "conflict": return status == 409
        case "request": return status >= 400
        default:
            if expected.hasPrefix("/"), expected.hasSuffix("/"), expected.count > 1 {
                return body.range(of: String(expected.dropFirst().dropLast()), options: .regularExpression) != nil
            }
            return false
        }
    }

    /// The quoted message of a `Warning: 299 Elasticsearch-<version>-<hash> "<message>"` header value.
    static func warningMessage(_ value: String) -> String? {
        guard value.hasPrefix("299 Elasticsearch-"), let open = value.firstIndex(of: "\""), value.hasSuffix("\""),
            value.index(after: open) < value.endIndex
        else { return nil }
        return String(value[value.index(after: open)..<value.index(before: value.endIndex)])
            .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
    }

    /// Replaces `$name` strings with stashed values, recursively.
    static func substitute(_ value: JSONValue, stash: [String: JSONValue]) -> JSONValue {
        switch value {
        case .string(let text) where text.hasPrefix("$"): return stash[String(text.dropFirst())] ?? value
        case .array(let items): return .array(items.map { substitute($0, stash: stash) })
        case .object(let members): return .object(members.mapValues { substitute($0, stash: stash) })
        default: return value
        }
    }

    /// `MatchAssertion`: `/regex/` strings match by pattern, numbers by value, the rest exactly.
    static func matches(_ actual: JSONValue?, _ expected: JSONValue) -> Bool {
        if case .string(let pattern) = expected, pattern.count > 1, pattern.hasPrefix("/"), pattern.hasSuffix("/") {
            let regex = String(pattern.dropFirst().dropLast()).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let text = actual?.stringValue ?? actual.map({ $0.jsonString() }) else { return false }
            return text.range(of: regex, options: .regularExpression) != nil
        }
        if let wanted = expected.doubleValue, let got = actual?.doubleValue { return wanted == got }
        return actual == expected
    }

    static func isTruthy(_ value: JSONValue?) -> Bool {
        guard let value else { return false }
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .string(let text): return !text.isEmpty && text != "false"
        case .number(let number): return number != 0
        default: return true
        }
    }

    /// Whether `version` is in a range like `" - 7.15.99"`, `"8.0.0 - "` or `"all"`.
    static func version(_ version: String, isIn range: String) -> Bool {
        let trimmed = range.trimmingCharacters(in: .whitespaces)
        if trimmed == "all" { return true }
        let bounds = trimmed.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard bounds.count == 2 else { return false }
        func parts(_ text: String) -> [Int] { text.split(separator: ".").map { Int($0) ?? 0 } }
        let value = parts(version)
        if !bounds[0].isEmpty, value.lexicographicallyPrecedes(parts(bounds[0])) { return false }
        if !bounds[1].isEmpty, parts(bounds[1]).lexicographicallyPrecedes(value) { return false }
        return true
    }
}

/// Elasticsearch's `ObjectPath`: dot-separated keys (`\.` is a literal dot), numbers index lists,
/// `$name` parts come from the stash.
enum ObjectPath {
    static func evaluate(_ path: String, in root: JSONValue, stash: [String: JSONValue]) -> JSONValue? {
        var current: JSONValue? = root
        for part in split(path) {
            let key = part.hasPrefix("$") ? (stash[String(part.dropFirst())]?.stringValue ?? part) : part
            switch current {
            case .object(let members)?: current = members[key]
            case .array(let items)?:
                guard let index = Int(key), items.indices.contains(index) else { return nil }
                current = items[index]
            default: return nil
            }
        }
        return current
    }

    static func split(_ path: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in path {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "." {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.filter { !$0.isEmpty }
    }
}

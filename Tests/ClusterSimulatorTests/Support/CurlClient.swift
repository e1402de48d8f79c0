import Foundation
import RemoteClusterKit

/// A raw HTTP client over the curl binary, for driving simulated clusters from tests.
struct CurlResponse: Sendable {
    var exitCode: Int32
    var status: Int
    var headers: [String]
    var body: String
    var stderr: String

    var json: JSONValue? { try? JSONValue.parse(body) }

    func headerValues(_ name: String) -> [String] {
        headers.compactMap { line in
            guard let colon = line.firstIndex(of: ":"),
                line[..<colon].caseInsensitiveCompare(name) == .orderedSame
            else { return nil }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }
}

enum CurlAuth {
    case none
    case basic(String, String)
    case apiKey(String)
}

enum CurlClient {
    static func send(
        _ method: String, _ url: String, auth: CurlAuth = .none, cacert: String? = nil,
        body: String? = nil, maxTime: Double = 20, extra: [String] = []
    ) async throws -> CurlResponse {
        var arguments = ["-sS", "-i", "--max-time", String(maxTime), "-X", method]
        if let cacert { arguments += ["--cacert", cacert] }
        switch auth {
        case .none: break
        case .basic(let user, let password): arguments += ["-u", "\(user):\(password)"]
        case .apiKey(let key): arguments += ["-H", "Authorization: ApiKey \(key)"]
        }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        arguments += extra + [url]
        let result = try await ProcessRunner.run("/usr/bin/curl", arguments)
        let text = result.stdout
        guard let split = text.range(of: "\r\n\r\n") else {
            return CurlResponse(exitCode: result.status, status: 0, headers: [], body: text, stderr: result.stderr)
        }
        let headerLines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = headerLines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        return CurlResponse(
            exitCode: result.status, status: status, headers: Array(headerLines.dropFirst()),
            body: String(text[split.upperBound...]), stderr: result.stderr)
    }
}

/// Paths into the repository and the shared reference data beside it.
enum RepositoryPaths {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
    static var shared: URL { root.deletingLastPathComponent().appendingPathComponent("shared") }

    static func sharedJSON(_ relative: String) throws -> JSONValue {
        try JSONValue.parse(try Data(contentsOf: shared.appendingPathComponent(relative)))
    }
}

import Foundation
import RemoteClusterKit

/// The parsers that read outside data, each as a fuzz target: bytes in, no crash out.
///
/// `make fuzz` runs each one under libFuzzer (the `fuzz-parsers` executable built with
/// `-sanitize=fuzzer`); the regression tests run every saved input through the same
/// functions, so a crash found once stays fixed. Besides "does not crash", each target checks
/// what must hold for any input (a parsed JSON value prints and parses back to itself; a
/// sanitised text has no control character left) and traps when it does not, which libFuzzer
/// reports like a crash.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `JSONValue.parse`, the reader of every response body.
    case json
    /// `JSONValue.parseYAML`, the reader of `--local-resource` files.
    case yaml
    /// `Plan.parse`, the whole plan format with every validator behind it.
    case plan
    /// `CertificateInspector.inspect`, for CA files and presented chains.
    case pem
    /// `Validators.encodedAPIKey` and the redaction forms of a key.
    case apiKey = "api-key"
    /// `ProxyAddress`, `Validators.seeds` and `Validators.serverName`.
    case hostPort = "host-port"
    /// `Validators.clusterURL` and `URLUserinfo`.
    case url
    /// Elasticsearch error bodies and the response decoders, as a server may send them.
    case response
    /// `TerminalText.visible`, which every output path relies on.
    case terminal

    /// Feeds one input to the target.
    public func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .json: Self.json(bytes)
        case .yaml: _ = try? JSONValue.parseYAML(text)
        case .plan: _ = try? Plan.parse(yaml: text, folder: URL(fileURLWithPath: "/nonexistent-fuzz-folder"))
        case .pem: _ = try? CertificateInspector.inspect(pemData: Data(bytes))
        case .apiKey:
            _ = Validators.encodedAPIKey(text)
            _ = Validators.environmentVariableName(text, field: "encodedEnv")
            let secrets = ClusterAuth.apiKey(Secret(text)).secrets
            Self.check(
                text.count < 4 || !Self.holds(text.redacting(secrets), text), "a key survives its own redaction")
        case .hostPort:
            if let address = try? ProxyAddress(parsing: text) {
                // What an address prints must parse back to the same address.
                let again = try? ProxyAddress(parsing: address.description)
                Self.check(again == address, "\(address) does not parse back")
            }
            _ = Validators.seeds(text.split(separator: ",").map(String.init))
            _ = Validators.serverName(text)
        case .url:
            let problems = Validators.clusterURL(text, field: "--url")
            // The credentials (between the scheme and the last '@') are never repeated: the
            // messages stay the same when they are replaced by other characters.
            if let at = text.lastIndex(of: "@") {
                let start = text[..<at].range(of: "://")?.upperBound ?? text.startIndex
                let masked =
                    String(text[..<start]) + String(repeating: "x", count: text[start..<at].count) + String(text[at...])
                Self.check(
                    Validators.clusterURL(masked, field: "--url") == problems, "the credentials change the message")
            }
        case .response: Self.response(bytes)
        case .terminal:
            let shown = TerminalText.visible(text)
            Self.check(!shown.unicodeScalars.contains { TerminalText.needsEscape($0) }, "a control character is left")
            Self.check(TerminalText.visible(shown) == shown, "sanitising twice changes the text")
        }
    }

    /// The target named `name` (its raw value).
    public static func named(_ name: String) -> FuzzTarget? { FuzzTarget(rawValue: name) }

    private static func json(_ bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(Data(bytes)) else { return }
        for pretty in [false, true] {
            let printed = value.jsonString(pretty: pretty)
            check((try? JSONValue.parse(printed)) == value, "a parsed value does not print and parse back")
        }
    }

    private static func response(_ bytes: [UInt8]) {
        let response = HTTPResponse(status: 400, body: Data(bytes))
        let secret = Secret("fuzz-secret-value")
        let error = ElasticsearchError(operation: "GET /_remote/info", response: response, secrets: [secret])
        check(!holds(error.description, secret.revealed), "a secret survives redaction")
        ResponseReplay.decodeEverything(Data(bytes))
    }

    /// Whether `text` holds `part`, compared scalar by scalar (Foundation's `contains` on Linux
    /// answers wrongly for texts with NUL characters).
    static func holds(_ text: String, _ part: String) -> Bool {
        Array(text.unicodeScalars).firstRange(of: Array(part.unicodeScalars)) != nil
    }

    /// Traps when an invariant does not hold; libFuzzer saves the input that did it.
    static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz invariant broken: \(message())") }
    }
}

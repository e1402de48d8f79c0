import Foundation
import PropertyBased
import Testing
@testable import RemoteClusterKit

/// Round trips and invariants over generated inputs (swift-property-based): what the tool
/// prints, it reads back the same; what it sanitises stays sanitised.
@Suite struct RoundTripPropertyTests {
    /// Any Unicode text: control characters, escapes, astral planes (but no lone surrogates,
    /// which a Swift string cannot hold).
    static let anyText = Gen.oneOf(
        Gen.unicodeScalar(in: "\u{0}"..."\u{7F}"), Gen.unicodeScalar(in: "\u{80}"..."\u{D7FF}"),
        Gen.unicodeScalar(in: "\u{E000}"..."\u{10FFFF}")
    ).map(Character.init).string(of: 0...40)

    static let hostLabel = Gen.letterOrNumber.string(of: 1...12)

    @Test func jsonPrintsAndParsesBackToTheSameValue() async {
        await propertyCheck(
            count: 300, input: Self.anyText, Self.anyText, Gen.double(in: -1e300...1e300),
            Gen.int(in: -(1 << 52)...(1 << 52))
        ) { key, text, number, integer in
            let value: JSONValue = [
                key: .string(text),
                "numbers": [.number(number), .int(integer), .number(Double(integer) / 8)],
                "flags": [true, false, nil],
                "nested": [text: [key: .string(key + text)]],
            ]
            for pretty in [false, true] {
                #expect((try? JSONValue.parse(value.jsonString(pretty: pretty))) == value)
            }
        }
    }

    @Test func sanitisedTextHasNoControlCharacterAndIsStable() async {
        await propertyCheck(count: 500, input: Self.anyText) { text in
            let shown = TerminalText.visible(text)
            #expect(!shown.unicodeScalars.contains { TerminalText.needsEscape($0) })
            #expect(TerminalText.visible(shown) == shown)
            if !text.unicodeScalars.contains(where: { TerminalText.needsEscape($0) }) { #expect(shown == text) }
        }
    }

    @Test func proxyAddressesPrintAndParseBack() async {
        await propertyCheck(count: 300, input: Self.hostLabel, Self.hostLabel, Gen.int(in: 1...65535)) { a, b, port in
            guard let address = try? ProxyAddress(parsing: "\(a).\(b).example:\(port)") else { return }
            #expect((try? ProxyAddress(parsing: address.description)) == address)
            let v6 = ProxyAddress(host: "2001:db8::\(String(port, radix: 16))", port: port)
            #expect((try? ProxyAddress(parsing: v6.description)) == v6)
        }
    }

    @Test func aSecretNeverSurvivesRedaction() async {
        await propertyCheck(count: 300, input: Gen.letterOrNumber.string(of: 4...30), Self.anyText) { secret, text in
            let echoed = text + secret + text + secret
            let redacted = Array(echoed.redacting([Secret(secret)]).unicodeScalars)
            #expect(redacted.firstRange(of: Array(secret.unicodeScalars)) == nil)
        }
    }

    @Test func onlyTrailingLineBreaksAreTrimmedFromSecrets() async {
        await propertyCheck(count: 300, input: Gen.letterOrNumber.string(of: 1...30), Gen.int(in: 0...3)) {
            value, breaks in
            let text = " " + value + String(repeating: "\r\n", count: breaks)
            #expect(SecretReading.trimmingTrailingLineBreaks(text) == " " + value)
        }
    }
}

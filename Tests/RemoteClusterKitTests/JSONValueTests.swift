import Testing
@testable import RemoteClusterKit

@Suite struct JSONValueTests {
    @Test func parseKeepsKeyOrderAndRoundTrips() throws {
        let text = #"{"zeta":1,"alpha":{"b":[true,null,"x\n\u00e9"],"a":2.5}}"#
        let value = try JSONValue.parse(text)
        #expect(value.objectValue?.keys.elements == ["zeta", "alpha"])
        #expect(value.jsonString() == #"{"zeta":1,"alpha":{"b":[true,null,"x\né"],"a":2.5}}"#)
        #expect(value[path: ["alpha", "a"]]?.doubleValue == 2.5)
    }

    @Test func rejectsBrokenJSON() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(#"{"a":}"#) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse("[1,2") }
        #expect(throws: JSONParseError.self) { try JSONValue.parse("{} x") }
    }

    @Test func secretsNeverPrint() {
        let secret = Secret("hunter2-very-secret")
        #expect("\(secret)" == "::redacted::")
        #expect(String(reflecting: secret) == "Secret(::redacted::)")
        #expect("token hunter2-very-secret failed".redacting([secret]) == "token ::redacted:: failed")
    }
}

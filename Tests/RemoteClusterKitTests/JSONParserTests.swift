import Testing

@testable import RemoteClusterKit

/// The JSON parser on the strings and numbers Elasticsearch sends, and on broken input.
@Suite struct JSONParserTests {
    func string(_ json: String) throws -> String? { try JSONValue.parse(json).stringValue }

    @Test func plainStringsComeStraightFromTheirBytes() throws {
        #expect(try string(#""remote-0001""#) == "remote-0001")
        #expect(try string(#""""#) == "")
        #expect(try string(#""Zürich ☃ 𝄞""#) == "Zürich ☃ 𝄞")
    }

    @Test func everyEscapeIsDecoded() throws {
        #expect(try string(#""a\"b\\c\/d\be\ff\ng\rh\ti""#) == "a\"b\\c/d\u{08}e\u{0C}f\ng\rh\ti")
        #expect(try string(#""caf\u00e9 \u2603 \u00E9""#) == "café ☃ é")
        // Text before, between and after escapes is kept.
        #expect(try string(#""x\ny""#) == "x\ny")
    }

    @Test func surrogatePairsMakeOneScalarAndLoneSurrogatesAreReplaced() throws {
        #expect(try string(#""\ud834\udd1e""#) == "𝄞")
        #expect(try string(#""\ud834x""#) == "\u{FFFD}x")
        #expect(try string(#""\udd1e""#) == "\u{FFFD}")
        // A high surrogate followed by an escape that is not a low one: both stand on their own.
        #expect(try string(#""\ud834\u0041""#) == "\u{FFFD}A")
    }

    @Test func brokenStringsSayWhereAndWhy() {
        #expect(throws: JSONParseError(offset: 3, reason: "invalid escape")) { try JSONValue.parse(#""a\q""#) }
        #expect(throws: JSONParseError(offset: 2, reason: "control character in string")) {
            try JSONValue.parse("\"a\nb\"")
        }
        #expect(throws: JSONParseError(offset: 4, reason: "unterminated string")) { try JSONValue.parse(#""abc"#) }
        #expect(throws: JSONParseError(offset: 3, reason: "invalid \\u escape")) { try JSONValue.parse(#""\u12g4""#) }
        #expect(throws: JSONParseError(offset: 3, reason: "invalid \\u escape")) { try JSONValue.parse(#""\u12"#) }
    }

    @Test func numbersAndWords() throws {
        let value = try JSONValue.parse(#"[0, -12, 2.5, 1e3, -1.5E-2, true, false, null]"#)
        #expect(value == [0, -12, 2.5, 1000, -0.015, true, false, nil])
        #expect(throws: JSONParseError(offset: 1, reason: "expected true")) { try JSONValue.parse("[tru]") }
        #expect(throws: JSONParseError(offset: 0, reason: "unexpected character")) { try JSONValue.parse("x") }
        #expect(throws: JSONParseError(offset: 1, reason: "unexpected character")) { try JSONValue.parse("[--]") }
    }

    @Test func aRemoteInfoBodyDecodesAlias() throws {
        let body = #"""
            { "b": {"connected":false,"mode":"sniff","seeds":["10.0.0.1:9300"],"num_nodes_connected":0},
              "a": {"connected":true,"mode":"proxy","proxy_address":"a.example.net:9443","server_name":"",
                    "num_proxy_sockets_connected":18,"max_proxy_socket_connections":18,
                    "cluster_credentials":"::es_redacted::"} }
            """#
        let remotes = RemoteInfo.decodeAll(try JSONValue.parse(body))
        #expect(remotes.map(\.alias) == ["a", "b"])
        #expect(remotes[0].connected && remotes[0].hasClusterCredentials && remotes[0].serverName == nil)
        #expect(remotes[0].connections == (18, 18))
        #expect(remotes[1].seeds == ["10.0.0.1:9300"] && !remotes[1].connected)
    }
}

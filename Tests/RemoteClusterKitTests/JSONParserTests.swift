import OrderedCollections
import PropertyBased
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

    /// Integers up to 15 digits are read without making a string; every number token, theirs
    /// included, must come out as the general reading (`Double` of the token) makes it, down to
    /// the sign of zero, and be refused where it refuses it.
    @Test func numbersReadTheSameAsTheGeneralReading() async {
        let pieces = ["-", "0", "1", "7", "9", "00", "123456789", ".", "5", "e", "E", "+", "-", "2"]
        let tokens = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 1...6).map { $0.joined() }
        let ends = Gen<String?>.element(of: ["]", ",1]", " ]", "}]"]).map { $0 ?? "]" }
        await propertyCheck(count: 3_000, input: tokens, ends) { token, end in
            let parsed = try? JSONValue.parse("[" + token + end)
            guard end != "}]" else {
                #expect(parsed == nil, "\(token.debugDescription) then }")
                return
            }
            let expected = Double(token).flatMap { $0.isFinite ? $0 : nil }
            let number = parsed?.arrayValue?.first?.doubleValue
            #expect(number == expected, "\(token.debugDescription)")
            #expect(number?.sign == expected?.sign, "\(token.debugDescription)")
        }
    }

    @Test func integersAtTheEdgeOfTheFastReading() throws {
        #expect(try JSONValue.parse("999999999999999") == 999_999_999_999_999)
        #expect(try JSONValue.parse("-999999999999999") == -999_999_999_999_999)
        // 16 digits and more go the general way (and round as a Double does).
        #expect(try JSONValue.parse("1234567890123456789").doubleValue == 1_234_567_890_123_456_789)
        #expect(try JSONValue.parse("-0").doubleValue?.sign == .minus)
        #expect(try JSONValue.parse("007") == 7)
        #expect(try JSONValue.parse(#"{"a":18,"b":-3}"#) == ["a": 18, "b": -3])
    }

    /// Objects are read into arrays while small and into a hashed dictionary past 15 members;
    /// either way a repeated key keeps its first place and takes the last value, as setting an
    /// OrderedDictionary's member does, and every key is found again (long keys, which the
    /// parser reuses, and keys of one length included). The pool holds JSON spellings, escapes
    /// included.
    @Test func objectsOfEverySizeKeepOrderedDictionarySemantics() async {
        let pool = [
            "a", "b", "ab", "ba", "num_proxy_sockets_connected", "max_proxy_socket_connections",
            "num_proxy_sockets_connectee", "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9",
            "long_key_number_one_0", "long_key_number_one_1", "é", #"caf\u00e9"#, #"\"q\""#,
            #"long_key_with_escape_\u0041bc"#, "long_key_with_escape_Abc",
        ]
        let members = Gen<Int>.int(in: 0...(pool.count - 1)).array(of: 0...40)
        await propertyCheck(count: 1_000, input: members) { picks in
            var expected = OrderedDictionary<String, JSONValue>()
            var text = "{"
            for (number, pick) in picks.enumerated() {
                let key = pool[pick]
                text += (number > 0 ? "," : "") + "\"\(key)\":\(number)"
                expected[(try? JSONValue.parse("\"\(key)\"").stringValue) ?? key] = .int(number)
            }
            let parsed = try? JSONValue.parse(text + "}")
            #expect(parsed == .object(expected), "\(text)")
            #expect(parsed?.objectValue.map { Array($0.keys) } == Array(expected.keys))
            for key in pool {
                let decoded = (try? JSONValue.parse("\"\(key)\"").stringValue) ?? key
                #expect(parsed?[decoded] == expected[decoded], "\(decoded) in \(text)")
            }
        }
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

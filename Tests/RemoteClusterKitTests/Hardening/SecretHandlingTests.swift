import Foundation
import Testing
@testable import RemoteClusterKit

#if canImport(Glibc)
    import Glibc
#endif

/// Secrets never come back out: not in a server's echo (in any of the forms the request carried
/// them), not in messages about misplaced values, and they are read without the line break a
/// file or `echo` adds.
@Suite struct SecretHandlingTests {
    static let password = Secret("s3cr3t-Passw0rd")
    static let basic = ClusterAuth.basic(user: "elastic", password: password)
    static let basicToken = Data("elastic:s3cr3t-Passw0rd".utf8).base64EncodedString()
    static let encodedKey = Data("VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw".utf8).base64EncodedString()

    func error(echoing text: String, auth: ClusterAuth) -> ElasticsearchError {
        let body = #"{"error":{"type":"security_exception","reason":"\#(text)"},"status":401}"#
        return ElasticsearchError(
            operation: "GET /_remote/info", response: HTTPResponse(status: 401, body: Data(body.utf8)),
            secrets: auth.secrets)
    }

    @Test func aServerEchoingTheBasicCredentialGetsItRedacted() {
        let echoed = error(
            echoing: "unable to authenticate with Authorization: Basic \(Self.basicToken)", auth: Self.basic)
        #expect(echoed.reason == "unable to authenticate with Authorization: Basic ::redacted::")
        #expect(!echoed.description.contains(Self.basicToken))
    }

    /// JSON may escape a `/` of the base64 token; the decoded text is redacted too.
    @Test func anEscapedEchoIsRedactedOnceDecoded() {
        let auth = ClusterAuth.basic(user: "u", password: Secret("p?>>p?>>"))  // base64 "dTpwPz4+cD8+Pg=="
        let token = Data("u:p?>>p?>>".utf8).base64EncodedString()
        #expect(token.contains("+"))
        let escaped = token.replacingOccurrences(of: "+", with: "\\u002b")
        let echoed = error(echoing: "bad header Basic \(escaped)", auth: auth)
        #expect(echoed.reason == "bad header Basic ::redacted::")
    }

    @Test func theDecodedFormsOfAnAPIKeyAreRedacted() {
        let auth = ClusterAuth.apiKey(Secret(Self.encodedKey))
        let echoed = error(
            echoing: "key VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw and ui2lp2axTNmsyakw9tvNnw", auth: auth)
        #expect(echoed.reason == "key ::redacted:: and ::redacted::")
    }

    /// Found by `make fuzz`: a key of NUL characters looked unredacted to the fuzz check, because
    /// Foundation's `contains` on Linux finds a NUL-holding text in "::redacted::". Redaction and
    /// the check now compare characters with the standard library.
    @Test func aSecretWithNULCharactersIsRedacted() {
        let secret = ":" + String(repeating: "\u{0}", count: 41)
        let redacted = ("echo " + secret + " end").redacting([Secret(secret)])
        #expect(Array(redacted.unicodeScalars) == Array("echo ::redacted:: end".unicodeScalars))
    }

    /// Found by the property test: a mark that combines with the secret's last character (here
    /// U+0301 and U+11EF5) hid the secret from a search by characters.
    @Test func aCombiningMarkAfterTheSecretDoesNotHideIt() {
        for mark in ["\u{301}", "\u{11EF5}"] {
            let redacted = ("x" + mark + "s3cret" + mark).redacting([Secret("s3cret")])
            #expect(Array(redacted.unicodeScalars) == Array(("x" + mark + "::redacted::" + mark).unicodeScalars))
        }
    }

    @Test func authorizationHeadersAreBuiltOnce() {
        #expect(Self.basic.authorizationHeader?.revealed == "Basic \(Self.basicToken)")
        #expect(ClusterAuth.apiKey(Secret("abc")).authorizationHeader?.revealed == "ApiKey abc")
        #expect(ClusterAuth.none.authorizationHeader == nil)
    }

    // MARK: Reading

    @Test func trailingLineBreaksAreTrimmedAndNothingElse() throws {
        let folder = try TemporaryFolder()
        for (text, expected) in [
            ("key\n", "key"), ("key\r\n", "key"), ("key\n\n", "key"), (" pass word \n", " pass word "),
        ] {
            let path = try folder.write(text, to: "secret")
            #expect(
                try SecretReading.file(at: path, field: "--password-file", what: "the password").revealed == expected)
            let value = try SecretReading.environment("S", in: ["S": text], field: "S", what: "the password")
            #expect(value?.revealed == expected)
        }
    }

    @Test func aSecretWithALineBreakInsideIsRefusedWithoutEcho() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("first-line\nsecond-line\n", to: "secret")
        do {
            _ = try SecretReading.file(at: path, field: "--password-file", what: "the password")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.problem == "holds more than one line")
            #expect(!error.description.contains("first-line"))
        }
    }

    @Test func anEmptySecretFileIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("\n", to: "secret")
        #expect(throws: FieldProblem.self) { try SecretReading.file(at: path, field: "--password-file", what: "x") }
    }

    /// `--password-file <(…)` hands over a pipe, which has no size to read up front.
    @Test func aSecretIsReadFromAPipe() throws {
        let folder = try TemporaryFolder()
        let fifo = folder.url.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data("from-a-pipe\n".utf8))
            try? handle?.close()
        }
        writer.start()
        #expect(
            try SecretReading.file(at: fifo, field: "--password-file", what: "the password").revealed == "from-a-pipe")
    }

    // MARK: Misplaced secrets

    /// An encoded key without padding is also a valid variable name: it is recognised by what
    /// it decodes to.
    static let unpaddedKey = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5u"

    @Test(arguments: [encodedKey, unpaddedKey, "Xk39fLq0ZtR7mNw2Pa8B", "pa$$w0rd!", "my secret"])
    func aSecretGivenForAVariableNameIsRefusedWithoutEcho(value: String) {
        let problems = Validators.environmentVariableName(value, field: "local.passwordEnv")
        #expect(problems.errors.count == 1)
        #expect(!problems.map(\.description).joined().contains(value))
    }

    @Test(arguments: ["REMOTE_PASSWORD", "es_api_key", "_X", "LOCAL_PASSWORD_2024", "RemotePassword"])
    func variableNamesAreAccepted(value: String) {
        #expect(Validators.environmentVariableName(value, field: "x").isEmpty)
    }

    /// Found by `make fuzz`: a "://" after the credentials was taken for the scheme's, and the
    /// credentials were repeated in the fix.
    @Test func credentialsBeforeALaterSchemeAreNotRepeated() throws {
        let text = "http:~//]:9@2[\u{0}00+https://[ep:/"
        #expect(URLUserinfo.removed(from: text) == "2[\u{0}00+https://[ep:/")
        #expect(URLUserinfo.removed(from: "https://u:p@host/a://b") == "https://host/a://b")
        let problems = Validators.clusterURL(text, field: "--url")
        #expect(!problems.map(\.description).joined().contains("http:~//]:9"))
    }

    @Test func aURLWithCredentialsIsRefusedWithoutEcho() {
        for url in [
            "https://elastic:hunter2@es.example.net:9200", "elastic:hunter2@es.example.net:9200",
            "https://elastic:hun/ter2@es.example.net", "https://elastic:hunter2@[::1]:9200",
        ] {
            let problems = Validators.clusterURL(url, field: "--url")
            #expect(problems.errors.count == 1, "\(url)")
            #expect(!problems.map(\.description).joined().contains("hunter2"), "\(url)")
            #expect(!problems.map(\.description).joined().contains("ter2"), "\(url)")
        }
        let proxy = Validators.proxyAddress("elastic:hunter2@lb.example.net:9443", field: "proxyAddress")
        #expect(proxy.errors.first?.fix.contains("lb.example.net:9443") == true)
        #expect(!proxy.map(\.description).joined().contains("hunter2"))
        #expect(!Validators.serverName("u:hunter2@x", field: "s").map(\.description).joined().contains("hunter2"))
    }
}

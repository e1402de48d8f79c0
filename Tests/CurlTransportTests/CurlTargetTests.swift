import Testing

@testable import CurlTransport
@testable import RemoteClusterKit

/// What the transport reads from a request URL for its messages: scheme, host as written, port.
@Suite struct CurlTargetTests {
    @Test(
        arguments: [
            ("https://es.example.com:9200/_remote/info", "https", "es.example.com", 9200),
            ("https://es.example.com/_remote/info?human", "https", "es.example.com", 443),
            ("http://es.example.com", "http", "es.example.com", 80),
            ("HTTPS://Es.Example.com:9243", "https", "Es.Example.com", 9243),
            ("https://[::1]:9200/", "https", "::1", 9200),
            ("https://[fe80::1%25eth0]/", "https", "fe80::1%25eth0", 443),
            ("https://127.0.0.1:9200#x", "https", "127.0.0.1", 9200),
            ("https://user:secret@es.example.com:9200/", "https", "es.example.com", 9200),
            ("https://es.example.com:/", "https", "es.example.com", 443),
            ("https://bücher.example:9200/", "https", "bücher.example", 9200),
        ])
    func readsSchemeHostAndPort(url: String, scheme: String, host: String, port: Int) throws {
        let target = try CurlTarget(url: url)
        #expect([target.url, target.scheme, target.host, String(target.port)] == [url, scheme, host, String(port)])
    }

    @Test(
        arguments: [
            "es.example.com:9200", "ftp://es.example.com", "https://", "https:///_remote/info", "https://:9200/",
            "https://fe80::1/", "https://[::1/", "https://[::1]9200/", "https://es.example.com:92a0/",
            "https://es.example.com:65536/", "https://es.example.com:000009200/", "https://es example.com/",
            "https://es.example.com/\n", "https://es.example.com\u{0}/",
        ])
    func refusesWhatIsNotAnHTTPURLWithAHost(url: String) {
        #expect(throws: TransportError.invalidURL(url)) { try CurlTarget(url: url) }
    }
}

import Testing
@testable import RemoteClusterKit

/// The certificate names of a self-managed remote: DNS names, wildcards and addresses pass;
/// anything `elasticsearch-certutil` would put into a certificate the local cluster cannot match
/// is refused with the entry named.
@Suite struct CertificateNamesValidationTests {
    @Test(arguments: [
        "", "es1.example.net", "es1.example.net, 192.0.2.10", "*.nodes.example.net", "2001:db8::1",
        "::ffff:192.0.2.1", "localhost,127.0.0.1", "es1.example.net,, es2.example.net,",
        " es1.example.net ,es2.example.net ", "ES1.Example.NET",
    ])
    func goodNamesPass(_ text: String) {
        #expect(Validators.certificateNames(text).isEmpty, "\(Validators.certificateNames(text))")
    }

    @Test(arguments: [
        ("../../etc", "\"../../etc\" contains '/'; host names may only contain letters, digits, dashes and dots"),
        ("a..b", "\"a..b\" has an empty part between dots"),
        ("999.1.1.1", "\"999.1.1.1\" is not a valid IPv4 address (it needs four numbers from 0 to 255)"),
        ("es1.example.net 192.0.2.10", "\"es1.example.net 192.0.2.10\" contains a space"),
        ("es_1.example.net", "\"es_1.example.net\" contains an underscore, which host names cannot contain"),
        ("es1.example.net:9443", "\"es1.example.net:9443\" is neither a DNS name nor an IP address (a port or a URL?)"),
        (
            "https://es1.example.net",
            "\"https://es1.example.net\" is neither a DNS name nor an IP address (a port or a URL?)"
        ),
        ("[2001:db8::1]", "\"[2001:db8::1]\" has brackets; a certificate holds the address without them"),
        ("fe80::1%eth0", "\"fe80::1%eth0\" has a zone (\"%eth0\"); a certificate holds the address without it"),
        ("es1.example.net.", "\"es1.example.net.\" ends with a dot; certificate names are written without it"),
        ("es*.example.net", "\"es*.example.net\" has a '*' that is not the whole first part"),
        ("*.*.example.net", "\"*.*.example.net\" has a '*' that is not the whole first part"),
        ("-es1.example.net", "the part \"-es1\" of the host name starts or ends with a dash"),
    ])
    func badNamesAreRefusedNamingTheEntry(_ text: String, _ expected: String) {
        let problems = Validators.certificateNames(text)
        #expect(problems.map(\.problem) == [expected])
        #expect(
            problems.allSatisfy { $0.severity == .error && $0.field == "Certificate names" && $0.fix.hasSuffix(".") })
    }

    @Test func everyBadEntryIsReportedAndADuplicateIsOnlyAWarning() {
        let problems = Validators.certificateNames("a..b, es1.example.net, 300.1.1.1, ES1.example.net")
        #expect(problems.errors.count == 2)
        #expect(problems.warnings.map(\.problem) == ["\"ES1.example.net\" is listed more than once"])
    }

    @Test func controlCharactersAreShownVisiblyNotPassedToTheTerminal() {
        let problems = Validators.certificateNames("es1\u{1b}[31m.example.net")
        #expect(problems.count == 1)
        #expect(problems.first?.problem.contains("\u{1b}") == false)
        #expect(problems.first?.problem.contains("'\\x1b'") == true, "\(problems)")
    }
}

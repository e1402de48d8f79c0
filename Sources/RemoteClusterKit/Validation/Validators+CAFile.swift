import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Validators {
    /// How close to expiry a CA gets a warning. ECK rotates its CAs after a year by default, so a
    /// CA copied from an ECK cluster goes stale.
    static let caExpiryWarningWindow: TimeInterval = 30 * 86_400
    /// Larger files are refused before they are read.
    static let maximumCAFileSize = 1 << 20

    /// A CA file: it exists, is readable, is PEM, holds certificates and no private key, every
    /// certificate is a CA and valid at `now`. Warns when a certificate expires within 30 days.
    public static func caFile(_ path: String, field: String = "CA file", now: Date = Date()) -> [FieldProblem] {
        let problem = FieldProblemMaker(field: field)
        let trimmed = path.trimmingWhitespaceAndNewlines()
        if trimmed.isEmpty {
            return problem(
                "is empty",
                "Enter the path of the PEM file with the remote cluster's CA certificate, e.g. ./remote-ca.crt.")
        }
        let expanded = (trimmed as NSString).expandingTildeInPath
        // One stat for existence, kind and size (FileManager's attributes would also look up
        // the owner's user and group names, reading the system's user database on every check).
        var status = stat()
        guard stat(expanded, &status) == 0 else {
            let relative =
                expanded.hasPrefix("/") ? "" : "; a relative path starts in \(FileManager.default.currentDirectoryPath)"
            return problem("there is no file at \(trimmed)", "Check the path\(relative).")
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            return problem("\(trimmed) is a folder", "Give the CA file inside it, e.g. \(trimmed)/ca.crt.")
        }
        if status.st_mode & S_IFMT != S_IFREG {
            return problem(
                "\(trimmed) is not a regular file", "Give the path of the CA certificate file, e.g. ./remote-ca.crt.")
        }
        if Int(status.st_size) > maximumCAFileSize {
            return problem(
                "\(trimmed) is \(Int(status.st_size) / 1024) KiB, too large for a CA file",
                "Give the file with only the CA certificate(s); a CA certificate is a few KiB.")
        }
        guard FileManager.default.isReadableFile(atPath: expanded),
            let data = FileManager.default.contents(atPath: expanded)
        else {
            return problem("\(trimmed) cannot be read", "Check the file's permissions (e.g. chmod 644 \(trimmed)).")
        }
        if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            return problem(
                "\(TextExcerpt.quoted(trimmed)) is empty",
                "Save the CA certificate in it (the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----), or give the file that holds it."
            )
        }
        let certificates: [ParsedCertificate]
        do {
            certificates = try CertificateInspector.certificates(pemData: data)
        } catch {
            return problem("\(trimmed) cannot be used: \(error)", caFix(for: error, path: trimmed))
        }
        return certificates.enumerated().flatMap { index, certificate in
            certificateProblems(
                certificate, label: certificates.count == 1 ? "the certificate" : "certificate \(index + 1)", field: field,
                now: now)
        }
    }

    private static func caFix(for error: CertificateInspectionError, path: String) -> String {
        switch error {
        case .notPEM:
            return "If it is a binary (DER) file, convert it: openssl x509 -inform der -in \(path) -out ca.crt."
        case .containsPrivateKey:
            return
                "Give a file with only the CA certificate (e.g. ca.crt); a private key must never leave the remote cluster."
        case .noCertificates:
            return "Give the file with the CA certificate, the one that starts with -----BEGIN CERTIFICATE-----."
        case .damagedPEM, .invalidCertificate:
            return
                "Copy the CA certificate again, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE----- inclusive."
        }
    }

    private static func certificateProblems(_ certificate: ParsedCertificate, label: String, field: String, now: Date)
        -> [FieldProblem]
    {
        // Made only when a date is shown: building the style sets up a calendar.
        func day(_ date: Date) -> String {
            date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
        }
        var problems: [FieldProblem] = []
        // A self-signed server certificate is trusted as it is, as curl and Elasticsearch do.
        if !certificate.isCA && !certificate.isSelfSigned {
            problems.append(
                FieldProblem(
                    field: field, problem: "\(label) (\(certificate.subject)) is not a CA certificate",
                    fix: "This looks like a server certificate; give the CA that issued it (\(certificate.issuer)) instead."
                ))
        }
        if now > certificate.notValidAfter {
            problems.append(
                FieldProblem(
                    field: field,
                    problem: "\(label) (\(certificate.subject)) expired on \(day(certificate.notValidAfter))",
                    fix: "Get the current CA from the remote cluster; ECK replaces its CAs after a year by default."))
        } else if now < certificate.notValidBefore {
            problems.append(
                FieldProblem(
                    field: field,
                    problem:
                        "\(label) (\(certificate.subject)) is not valid before \(day(certificate.notValidBefore))",
                    fix: "Check this machine's clock, or wait until the certificate becomes valid."))
        } else if certificate.notValidAfter.timeIntervalSince(now) < caExpiryWarningWindow {
            problems.append(
                FieldProblem(
                    field: field,
                    problem:
                        "\(label) (\(certificate.subject)) expires on \(day(certificate.notValidAfter)), in less than 30 days",
                    fix:
                        "Plan to replace it everywhere it is trusted; ECK rotates its CAs yearly and the connection fails once the old CA expires.",
                    severity: .warning))
        }
        return problems
    }
}

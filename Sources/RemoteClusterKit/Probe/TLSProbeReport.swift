import Foundation

/// The preflight result as text lines (for `probe` and plain mode) and as JSON.
public enum TLSProbeReport {
    /// The report: one line per step with its mark, the presented chain, then the diagnosis.
    public static func lines(for result: TLSProbeResult, symbols: StatusSymbols) -> [String] {
        var lines = ["Preflight \(result.request.address)\(targetNote(result.request))"]
        lines += stepLines(result, symbols: symbols)
        if !result.presentedChain.isEmpty {
            lines.append("Presented chain:")
            for (index, certificate) in result.presentedChain.enumerated() {
                lines += certificateLines(certificate, number: index + 1, now: result.checkedAt)
            }
        }
        if let diagnosis = result.diagnosis {
            lines.append("\(diagnosis.severity == .error ? "Most likely" : "Note"): \(diagnosis.summary)")
            if let seen = diagnosis.seen { lines.append("Seen: \(seen)") }
            lines.append("Fix: \(diagnosis.fix)")
        }
        return lines
    }

    private static func targetNote(_ request: TLSProbeRequest) -> String {
        let name = request.serverName.map { "server name \($0)" } ?? "no server name"
        return " (\(name), trusting \(request.trust))"
    }

    private static func stepLines(_ result: TLSProbeResult, symbols: StatusSymbols) -> [String] {
        let request = result.request
        var lines: [String] = []
        func add(_ mark: String, _ step: String, _ text: String) {
            lines.append("\(mark) \(step.padding(toLength: 5, withPad: " ", startingAt: 0)) \(text)")
        }
        switch result.connection {
        case .connected(let milliseconds):
            add(symbols.ok, "TCP", "\(request.address) reachable (\(formatMilliseconds(milliseconds)))")
        case .hostNotFound:
            add(symbols.failure, "TCP", "\(request.host) does not resolve")
        case .refused:
            add(symbols.failure, "TCP", "\(request.address) refused the connection (nothing listening)")
        case .timedOut(let seconds):
            add(symbols.failure, "TCP", "\(request.address) did not answer within \(seconds) s")
        case .failed(let detail):
            add(symbols.failure, "TCP", "\(request.address) cannot be reached: \(detail)")
        }
        switch result.handshake {
        case .none: add(symbols.skipped, "TLS", "not tried")
        case .completed(let version): add(symbols.ok, "TLS", "handshake done\(version.map { ", \($0)" } ?? "")")
        case .plainText: add(symbols.failure, "TLS", "the server answered in plain HTTP, not TLS")
        case .notTLS(let firstBytes):
            add(symbols.failure, "TLS", "the server answered with bytes that are neither TLS nor HTTP: \(firstBytes)")
        case .timedOut(let seconds): add(symbols.failure, "TLS", "no handshake within \(seconds) s")
        case .failed(let detail): add(symbols.failure, "TLS", "handshake failed: \(detail)")
        }
        let trustName: String = {
            if case .caFile(let path) = request.trust { return URL(fileURLWithPath: path).lastPathComponent }
            return "the system trust store"
        }()
        switch result.chainVerification {
        case .none: add(symbols.skipped, "CA", "not checked")
        case .trusted: add(symbols.ok, "CA", "chain trusted by \(trustName)")
        case .notTrusted(let detail): add(symbols.failure, "CA", "chain not trusted by \(trustName): \(detail)")
        case .outsideValidity(let detail): add(symbols.failure, "CA", "certificate outside its validity: \(detail)")
        case .caFileUnusable(let detail): add(symbols.failure, "CA", "\(trustName) cannot be used: \(detail)")
        }
        switch result.nameMatched {
        case .none:
            add(symbols.skipped, "Name", "not checked")
        case .some(true):
            add(symbols.ok, "Name", "certificate is valid for \(request.expectedName)")
        case .some(false):
            let names = result.presentedChain.first.map(CertificateNameMatch.names(of:)) ?? []
            let carried = names.isEmpty ? "no names" : names.joined(separator: ", ")
            add(symbols.failure, "Name", "certificate is for \(carried), not \(request.expectedName)")
        }
        return lines
    }

    private static func certificateLines(_ certificate: CertificateSummary, number: Int, now: Date) -> [String] {
        var lines = ["  \(number). \(certificate.subject)\(certificate.isCA ? " (CA)" : "")"]
        lines.append("     issued by \(certificate.issuer)")
        if !certificate.subjectAlternativeNames.isEmpty {
            lines.append("     names \(certificate.subjectAlternativeNames.joined(separator: ", "))")
        }
        lines.append("     \(validityText(certificate, now: now))")
        return lines
    }

    /// `valid until 2027-03-02 (in 93 days)`, `expired on ...`, `not valid before ...`.
    public static func validityText(_ certificate: CertificateSummary, now: Date) -> String {
        if now < certificate.notValidBefore {
            return "not valid before \(ProbeDateText.day(certificate.notValidBefore))"
        }
        if now > certificate.notValidAfter { return "expired on \(ProbeDateText.day(certificate.notValidAfter))" }
        let days = Int(certificate.notValidAfter.timeIntervalSince(now) / 86_400)
        return "valid until \(ProbeDateText.day(certificate.notValidAfter)) (in \(days) day\(days == 1 ? "" : "s"))"
    }

    private static func formatMilliseconds(_ milliseconds: Double) -> String {
        milliseconds < 10 ? String(format: "%.1f ms", milliseconds) : "\(Int(milliseconds.rounded())) ms"
    }

    /// The result as one JSON object, for `probe --json`.
    public static func json(for result: TLSProbeResult) -> JSONValue {
        let request = result.request
        var object: JSONValue = [
            "address": .string(request.address),
            "server_name": request.serverName.map(JSONValue.string) ?? .null,
            "trust": .string(request.trust.description),
            "passed": .bool(result.passed),
            "tcp_reachable": .bool(result.tcpReachable),
            "connect_ms": result.connectMilliseconds.map(JSONValue.number) ?? .null,
            "handshake_completed": .bool(result.handshakeCompleted),
            "tls_version": result.tlsVersion.map(JSONValue.string) ?? .null,
            "chain_trusted": result.chainTrusted.map(JSONValue.bool) ?? .null,
            "name_matched": result.nameMatched.map(JSONValue.bool) ?? .null,
        ]
        object["presented_chain"] = .array(result.presentedChain.map(certificateJSON))
        if let diagnosis = result.diagnosis {
            object["diagnosis"] = [
                "cause": .string(diagnosis.cause.rawValue),
                "severity": .string(diagnosis.severity.rawValue),
                "summary": .string(diagnosis.summary),
                "seen": diagnosis.seen.map(JSONValue.string) ?? .null,
                "fix": .string(diagnosis.fix),
            ]
        } else {
            object["diagnosis"] = .null
        }
        return object
    }

    private static func certificateJSON(_ certificate: CertificateSummary) -> JSONValue {
        let formatter = ISO8601DateFormatter()
        return [
            "subject": .string(certificate.subject),
            "issuer": .string(certificate.issuer),
            "not_before": .string(formatter.string(from: certificate.notValidBefore)),
            "not_after": .string(formatter.string(from: certificate.notValidAfter)),
            "is_ca": .bool(certificate.isCA),
            "subject_alternative_names": .array(certificate.subjectAlternativeNames.map(JSONValue.string)),
            "sha256_fingerprint": .string(certificate.sha256Fingerprint),
        ]
    }
}

import CCurl
import Foundation
import RemoteClusterKit

/// The TLS preflight over libcurl: handshakes only (`CURLOPT_CONNECT_ONLY`, no request is sent)
/// to a proxy address, with the server name as SNI and the trust the local cluster will use.
///
/// Three short handshakes, each on a fresh connection:
/// 1. without verification, collecting the presented chain (`CURLOPT_CERTINFO`), so the chain
///    is seen even when it is not trusted;
/// 2. verifying the chain only, against the CA file or the system store;
/// 3. when the chain is trusted, verifying the host name too.
/// When the chain is not trusted the name is checked against the presented leaf certificate.
public final class CurlTLSProbe: TLSProbing {
    private let worker = DeferredCurlWorker(name: "CurlTLSProbe")
    private let parseCertificates: @Sendable (String) -> [CertificateSummary]

    /// - Parameter parseCertificates: turns PEM text into summaries (the engine's
    ///   `CertificateInspector` by default).
    public init(parseCertificates: @escaping @Sendable (String) -> [CertificateSummary] = CurlTLSProbe.inspectPEM) {
        self.parseCertificates = parseCertificates
    }

    deinit { worker.shutdown() }

    /// Whether a handshake has loaded libcurl and started the probe's thread.
    var hasStartedWorker: Bool { worker.hasStarted }

    public func probe(_ request: TLSProbeRequest) async -> TLSProbeResult {
        let checkedAt = Date()
        let trustedCASubjects = caSubjects(request.trust)
        var result = TLSProbeResult(
            request: request, connection: .failed(detail: "not tried"), trustedCASubjects: trustedCASubjects,
            checkedAt: checkedAt)

        let first = await handshake(request, verification: .none)
        result.connection = first.connection
        guard case .connected = first.connection else { return result }
        result.handshake = first.handshake
        guard case .completed = first.handshake else { return result }
        result.presentedChain = first.chainPEMs.flatMap(parseCertificates)

        let chain = await handshake(request, verification: .chainOnly)
        result.chainVerification = chain.verification ?? .notTrusted(detail: chain.failureDetail)
        if chain.verification == .trusted {
            let full = await handshake(request, verification: .chainAndName)
            result.nameMatched = full.verification == .trusted
        } else if let leaf = result.presentedChain.first {
            result.nameMatched = CertificateNameMatch.matches(leaf, name: request.expectedName)
        }
        return result
    }

    /// The engine's PEM reader, the default for `parseCertificates`.
    public static let inspectPEM: @Sendable (String) -> [CertificateSummary] = { pem in
        (try? CertificateInspector.inspect(pem: pem)) ?? []
    }

    private func caSubjects(_ trust: TrustSource) -> [String] {
        guard case .caFile(let path) = trust, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return []
        }
        return parseCertificates(text).map(\.subject)
    }

    // MARK: One handshake

    private enum Verification {
        case none, chainOnly, chainAndName
    }

    private struct HandshakeOutcome {
        var connection: TLSProbeResult.Connection
        var handshake: TLSProbeResult.Handshake?
        var verification: TLSProbeResult.ChainVerification?
        var chainPEMs: [String] = []

        /// Why a handshake that should have verified the chain ended without a verdict.
        var failureDetail: String {
            switch (connection, handshake) {
            case (_, .failed(let detail)?): return "the verifying handshake failed: \(detail)"
            case (_, .timedOut(let seconds)?): return "the verifying handshake took longer than \(seconds) s"
            case (.failed(let detail), _): return "the verifying connection failed: \(detail)"
            default: return "the verifying handshake did not complete"
            }
        }
    }

    private func handshake(_ request: TLSProbeRequest, verification: Verification) async -> HandshakeOutcome {
        // The worker first: it initialises libcurl before the first handle is made.
        let worker = self.worker.worker
        let easy = CurlEasy()
        let log = HandshakeLog()
        configure(easy, for: request, verification: verification, log: log)
        let outcome = await worker.perform(easy)
        return withExtendedLifetime(log) {
            switch outcome {
            case .cancelled:
                return HandshakeOutcome(connection: .failed(detail: "the check was cancelled"))
            case .finished(let code):
                return interpret(code, easy: easy, log: log, request: request)
            }
        }
    }

    private func configure(
        _ easy: CurlEasy, for request: TLSProbeRequest, verification: Verification, log: HandshakeLog
    ) {
        let urlHost = request.serverName ?? request.host
        let bracketed = { (host: String) in host.contains(":") ? "[\(host)]" : host }
        easy.set(CURLOPT_URL, "https://\(bracketed(urlHost)):\(request.port)/")
        if request.serverName != nil {
            easy.set(
                CURLOPT_CONNECT_TO,
                list: ["\(bracketed(urlHost)):\(request.port):\(bracketed(request.host)):\(request.port)"])
        }
        easy.set(CURLOPT_CONNECT_ONLY, 1)
        easy.set(CURLOPT_FRESH_CONNECT, 1)
        easy.set(CURLOPT_FORBID_REUSE, 1)
        easy.set(CURLOPT_SSL_SESSIONID_CACHE, 0)
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(request.timeout * 1000)))
        easy.set(CURLOPT_TIMEOUT_MS, max(1, Int(request.timeout * 1000)))
        switch verification {
        case .none:
            HTTPRequestConfiguration.applyTLS(trust: .systemStore, insecure: true, to: easy)
            easy.set(CURLOPT_CERTINFO, 1)
        case .chainOnly:
            HTTPRequestConfiguration.applyTLS(trust: request.trust, insecure: false, to: easy)
            easy.set(CURLOPT_SSL_VERIFYHOST, 0)
        case .chainAndName:
            HTTPRequestConfiguration.applyTLS(trust: request.trust, insecure: false, to: easy)
        }
        easy.set(CURLOPT_VERBOSE, 1)
        _ = ccurl_setopt_debug_function(easy.handle, recordHandshakeText)
        _ = ccurl_setopt_pointer(easy.handle, CURLOPT_DEBUGDATA, Unmanaged.passUnretained(log).toOpaque())
    }

    private func interpret(_ code: CURLcode, easy: CurlEasy, log: HandshakeLog, request: TLSProbeRequest)
        -> HandshakeOutcome
    {
        // libcurl records the connect time only for transfers that succeed; after a failed
        // handshake the log tells whether (and when) TCP connected.
        let timerMilliseconds = easy.milliseconds(CURLINFO_CONNECT_TIME_T)
        let tcpConnected = timerMilliseconds > 0 || log.tcpConnected
        let connectMilliseconds = timerMilliseconds > 0 ? timerMilliseconds : log.connectMilliseconds ?? 0
        let connected = HandshakeOutcome(connection: .connected(milliseconds: connectMilliseconds))
        let message = easy.errorText(for: code)
        switch code {
        case CURLE_OK:
            var outcome = connected
            outcome.handshake = .completed(tlsVersion: log.tlsVersion)
            outcome.verification = .trusted
            outcome.chainPEMs = easy.certificatePEMs()
            return outcome
        case CURLE_COULDNT_RESOLVE_HOST:
            return HandshakeOutcome(connection: .hostNotFound)
        case CURLE_COULDNT_CONNECT:
            let refused = easy.long(CURLINFO_OS_ERRNO) == Int(ECONNREFUSED)
            return HandshakeOutcome(connection: refused ? .refused : .failed(detail: message))
        case CURLE_OPERATION_TIMEDOUT where !tcpConnected:
            return HandshakeOutcome(connection: .timedOut(seconds: request.timeout))
        case CURLE_OPERATION_TIMEDOUT:
            var outcome = connected
            outcome.handshake = .timedOut(seconds: request.timeout)
            return outcome
        case CURLE_PEER_FAILED_VERIFICATION:
            var outcome = connected
            outcome.handshake = .completed(tlsVersion: log.tlsVersion)
            switch CurlFailure.verificationError(message) {
            case .certificateExpired(let detail): outcome.verification = .outsideValidity(detail: detail)
            case .certificateNotTrusted(let detail), .nameMismatch(let detail):
                outcome.verification = .notTrusted(detail: detail)
            default: outcome.verification = .notTrusted(detail: message)
            }
            return outcome
        case CURLE_SSL_CACERT_BADFILE:
            var outcome = connected
            outcome.handshake = .completed(tlsVersion: nil)
            outcome.verification = .caFileUnusable(detail: message)
            return outcome
        default:
            guard tcpConnected else { return HandshakeOutcome(connection: .failed(detail: message)) }
            var outcome = connected
            let lower = message.lowercased()
            let notTLS =
                lower.contains("wrong version number") || lower.contains("packet length too long")
                || lower.contains("record layer failure")
            // OpenSSL words an HTTP answer and any other non-TLS bytes alike: the bytes tell.
            if notTLS, ProtocolBytes.kind(of: log.firstBytes) == .http {
                outcome.handshake = .plainText
            } else if notTLS {
                outcome.handshake = .notTLS(firstBytes: ProtocolBytes.describe(log.firstBytes))
            } else {
                outcome.handshake = .failed(detail: message)
            }
            return outcome
        }
    }
}

/// Collects libcurl's informational text during a handshake: when TCP connected and the
/// negotiated TLS version. Written on the worker thread, read after the transfer ends.
private final class HandshakeLog: @unchecked Sendable {
    var tlsVersion: String?
    /// The first raw bytes the server sent (the first TLS record header OpenSSL read).
    private(set) var firstBytes: [UInt8] = []
    private(set) var tcpConnected = false
    private var tryingSince: Date?
    private var connectedAt: Date?

    /// Milliseconds from "Trying" to "Connected to", when both were logged.
    var connectMilliseconds: Double? {
        guard let tryingSince, let connectedAt else { return nil }
        return connectedAt.timeIntervalSince(tryingSince) * 1000
    }

    func receiveData(_ bytes: UnsafeRawBufferPointer) {
        if firstBytes.isEmpty { firstBytes = Array(bytes.prefix(ProtocolBytes.shownCount * 2)) }
    }

    func receive(_ text: String) {
        if text.contains("Trying ") { tryingSince = Date() }
        if text.hasPrefix("Connected to ") {
            tcpConnected = true
            connectedAt = Date()
        }
        // libcurl (OpenSSL backend) logs "SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384".
        guard let range = text.range(of: "SSL connection using ") else { return }
        let rest = text[range.upperBound...]
        tlsVersion = rest.split(separator: " ").first.map(String.init)
    }
}

private let recordHandshakeText: ccurl_debug_callback = { _, type, data, size, userdata in
    guard let data, let userdata else { return 0 }
    let log = Unmanaged<HandshakeLog>.fromOpaque(userdata).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    switch type {
    case CURLINFO_TEXT: log.receive(String(decoding: bytes, as: UTF8.self))
    case CURLINFO_SSL_DATA_IN: log.receiveData(bytes)
    default: break
    }
    return 0
}

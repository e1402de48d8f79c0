import Foundation

/// What the TLS preflight found: each step's outcome, the chain the server presented, and
/// (through `diagnosis`) the most likely cause of a failure with its fix.
public struct TLSProbeResult: Sendable, Hashable {
    /// The TCP step.
    public enum Connection: Sendable, Hashable {
        case connected(milliseconds: Double)
        case hostNotFound
        case refused
        case timedOut(seconds: Double)
        case failed(detail: String)
    }

    /// The TLS handshake, done without verification so that the chain is seen whatever it is.
    public enum Handshake: Sendable, Hashable {
        /// Done; the version as the TLS library names it, e.g. `TLSv1.3`.
        case completed(tlsVersion: String?)
        /// The server answered in plain text (HTTP) instead of a TLS handshake.
        case plainText
        /// The server answered with bytes that are neither TLS nor HTTP; the first few of them,
        /// as ``ProtocolBytes/describe(_:)`` shows them.
        case notTLS(firstBytes: String)
        case timedOut(seconds: Double)
        case failed(detail: String)
    }

    /// Verifying the presented chain against the trust source (host name not included).
    public enum ChainVerification: Sendable, Hashable {
        case trusted
        /// Not signed by a trusted CA; the TLS library's reason.
        case notTrusted(detail: String)
        /// A certificate in the chain is expired or not yet valid.
        case outsideValidity(detail: String)
        /// The CA file could not be loaded.
        case caFileUnusable(detail: String)
    }

    public var request: TLSProbeRequest
    public var connection: Connection
    /// Nil when the TCP step failed.
    public var handshake: Handshake?
    /// Nil when there was no handshake.
    public var chainVerification: ChainVerification?
    /// Whether the leaf certificate is valid for `request.expectedName`; nil when unknown.
    public var nameMatched: Bool?
    /// The certificates the server presented, leaf first.
    public var presentedChain: [CertificateSummary]
    /// The subjects of the CA certificates in the request's CA file (empty for the system store).
    public var trustedCASubjects: [String]
    /// When the check ran; validity is judged at this time.
    public var checkedAt: Date

    public init(
        request: TLSProbeRequest, connection: Connection, handshake: Handshake? = nil,
        chainVerification: ChainVerification? = nil, nameMatched: Bool? = nil,
        presentedChain: [CertificateSummary] = [], trustedCASubjects: [String] = [], checkedAt: Date = Date()
    ) {
        self.request = request
        self.connection = connection
        self.handshake = handshake
        self.chainVerification = chainVerification
        self.nameMatched = nameMatched
        self.presentedChain = presentedChain
        self.trustedCASubjects = trustedCASubjects
        self.checkedAt = checkedAt
    }

    /// Whether the TCP connection was established.
    public var tcpReachable: Bool {
        if case .connected = connection { return true }
        return false
    }

    /// Milliseconds the TCP connection took, when it was established.
    public var connectMilliseconds: Double? {
        if case .connected(let milliseconds) = connection { return milliseconds }
        return nil
    }

    public var handshakeCompleted: Bool {
        if case .completed = handshake { return true }
        return false
    }

    /// The negotiated TLS version, e.g. `TLSv1.3`.
    public var tlsVersion: String? {
        if case .completed(let version) = handshake { return version }
        return nil
    }

    /// Whether the chain is trusted; nil when it was not checked.
    public var chainTrusted: Bool? {
        guard let chainVerification else { return nil }
        return chainVerification == .trusted
    }

    /// Reachable, handshake done, chain trusted and name matched, on an address that is not
    /// recognisably another port (REST, transport, the cloud proxy's 9400): the local cluster can
    /// connect.
    public var passed: Bool {
        tcpReachable && handshakeCompleted && chainTrusted == true && nameMatched == true
            && diagnosis?.severity != .error
    }

    /// The most likely cause of a failure and its fix, or a warning about a passing check (for
    /// example a port that is not the remote cluster server's); nil when all is well.
    public var diagnosis: ProbeDiagnosis? { ProbeDiagnosis(for: self) }
}

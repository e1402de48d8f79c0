import RemoteClusterKit

/// A mistake autoplay makes on purpose, the way an operator makes it, so that the run ends NOT
/// CONNECTED with the engine's diagnosis on the live status screen.
///
/// The first three are typed into the connection details; `invalidatedKey` happens on the remote's
/// side once the connection is up (its admin invalidates the key); `noCredentials` is an alias
/// typed on the Add remote screen that differs from the one the keystore holds the key for.
public enum AutoplayFault: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case wrongCA = "wrong-ca"
    case wrongServerName = "wrong-server-name"
    case wrongPort = "wrong-port"
    case invalidatedKey = "invalidated-key"
    case noCredentials = "no-credentials"

    public var description: String { rawValue }

    /// What the mistake is, in one line (for `demo --help`).
    public var summary: String {
        switch self {
        case .wrongCA: return "the remote's REST (HTTP) CA given as the CA file"
        case .wrongServerName: return "a server name the remote's certificate does not carry"
        case .wrongPort: return "the transport port (9300 role) given as the proxy address"
        case .invalidatedKey: return "the remote's admin invalidates the key once connected"
        case .noCredentials: return "the remote added under another alias than the keystore's"
        }
    }

    /// The cause the engine's diagnosis names for this mistake.
    public var expectedCause: Diagnosis.Cause {
        switch self {
        case .wrongCA: return .untrustedCertificate
        case .wrongServerName: return .serverNameMismatch
        case .wrongPort: return .transportPort
        case .invalidatedKey: return .invalidKey
        case .noCredentials: return .missingCredentials
        }
    }

    /// Whether the preflight catches the mistake (autoplay then continues past it, after the
    /// question, as an operator in a hurry would).
    public var failsPreflight: Bool {
        switch self {
        case .wrongCA, .wrongServerName, .wrongPort: return true
        case .invalidatedKey, .noCredentials: return false
        }
    }

    /// `wrong-ca, wrong-server-name, ...` for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

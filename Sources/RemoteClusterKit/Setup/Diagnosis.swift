/// Why a remote is not connected (or cannot be set up), and what to do: the result of
/// `Diagnosis.diagnose(_:)` over a `ConnectionObservation`, or of a step that failed.
public struct Diagnosis: Sendable, Hashable, CustomStringConvertible {
    /// The causes the engine can tell apart. `catalogueRow` maps them to the troubleshooting
    /// catalogue (FACTS.md §5).
    public enum Cause: String, Sendable, Hashable, CaseIterable {
        /// #1: nothing answers at the proxy address (wrong host or port, server not enabled, firewall).
        case unreachable
        /// #2: no seed answers (sniff mode): the same causes as #1, plus the remote nodes' publish
        /// addresses, which sniff mode dials after the seed.
        case seedsUnreachable
        /// #3: a connection was dropped while in use (an idle timeout on the network path).
        case unreliableConnection
        /// #4: the remote's certificate is not trusted by the local cluster.
        case untrustedCertificate
        /// #4: the certificate does not carry the server name (or host).
        case serverNameMismatch
        /// #4: the certificate is expired or not yet valid.
        case certificateExpired
        /// #5–#8: the address is the transport port (9300), not the remote cluster server (9443).
        case transportPort
        /// The address is the REST port (9200), not the remote cluster server.
        case restPort
        /// The address uses 9400, the cloud proxy's port for the certificate model.
        case cloudProxyPort
        /// #9: no `cluster.remote.<alias>.credentials` on the local cluster, so it uses the
        /// certificate model.
        case missingCredentials
        /// #10: the key is a REST key, not a cross-cluster key.
        case restKeyInsteadOfCrossCluster
        /// #11: the key is invalid, expired or invalidated.
        case invalidKey
        /// #12: the key's access or the user's role does not cover the indices.
        case insufficientPrivileges
        /// #13: the user has no `remote_indices` for the alias.
        case noRemoteIndicesPrivileges
        /// #14: a license below Enterprise/trial on either side.
        case licenseTooLow
        /// #15: the alias is not configured.
        case unknownAlias
        /// #16: the node that got the request lacks the `remote_cluster_client` role.
        case nodeLacksRemoteClusterClientRole
        /// #17: the proxy reaches more than one cluster.
        case proxyReachesSeveralClusters
        /// A version below 8.14 on either side.
        case versionTooOld
        /// A request to a cluster or to Kubernetes failed (the REST API or kubectl, not the
        /// remote connection).
        case requestFailed
        /// The connection did not come up within the deadline and nothing observed says why.
        case stillConnecting
        /// Nothing observed matches a known cause; `raw` holds the error as received.
        case unknown
    }

    public var cause: Cause
    /// One sentence: what is wrong.
    public var summary: String
    /// What was seen that points to the cause (an error text, a probe result).
    public var evidence: String?
    /// What to do, as one or two sentences.
    public var fix: String
    /// The raw error text, when the cause is unknown (or to show in full).
    public var raw: String?

    public init(cause: Cause, summary: String, evidence: String? = nil, fix: String, raw: String? = nil) {
        self.cause = cause
        self.summary = summary
        self.evidence = evidence
        self.fix = fix
        self.raw = raw
    }

    /// The row of FACTS.md §5 the cause corresponds to, when there is one.
    public var catalogueRow: Int? {
        switch cause {
        case .unreachable: return 1
        case .seedsUnreachable: return 2
        case .unreliableConnection: return 3
        case .untrustedCertificate, .serverNameMismatch, .certificateExpired: return 4
        case .transportPort: return 5
        case .missingCredentials: return 9
        case .restKeyInsteadOfCrossCluster: return 10
        case .invalidKey: return 11
        case .insufficientPrivileges: return 12
        case .noRemoteIndicesPrivileges: return 13
        case .licenseTooLow: return 14
        case .unknownAlias: return 15
        case .nodeLacksRemoteClusterClientRole: return 16
        case .proxyReachesSeveralClusters: return 17
        case .restPort, .cloudProxyPort, .versionTooOld, .requestFailed, .stillConnecting, .unknown: return nil
        }
    }

    /// `summary` then `Fix: fix`, with the evidence between them when there is some.
    public var description: String {
        ([summary] + [evidence].compactMap { $0 } + ["Fix: \(fix)"]).joined(separator: " ")
    }

    /// Diagnoses a remote that is not connected from what was observed. Pure.
    public static func diagnose(_ observation: ConnectionObservation) -> Diagnosis {
        ConnectionDiagnosisRules(observation).diagnosis
    }
}

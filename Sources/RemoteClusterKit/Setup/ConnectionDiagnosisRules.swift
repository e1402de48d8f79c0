/// The rules behind `Diagnosis.diagnose(_:)`, in precedence order: the alias is unknown, the
/// versions or licenses cannot work, an error text names the cause, the key's state, the local
/// credentials, the preflight, and finally "unknown" with the raw error.
struct ConnectionDiagnosisRules {
    let observation: ConnectionObservation

    init(_ observation: ConnectionObservation) { self.observation = observation }

    var alias: String { observation.alias }

    var diagnosis: Diagnosis {
        requestProblem ?? unknownAlias ?? versionProblem ?? licenseProblem ?? Self.textCause(
            observation.errorTexts, alias: alias)
            ?? keyProblem ?? credentialsProblem ?? preflightProblem ?? fallback
    }

    // MARK: rules

    var requestProblem: Diagnosis? {
        guard let error = observation.requestError, observation.remoteInfo == nil, observation.resolved == nil else {
            return nil
        }
        return Diagnosis(
            cause: .requestFailed, summary: "The local cluster could not be asked about \(alias).", evidence: error,
            fix: "Check the local cluster's URL, credentials and CA.")
    }

    var unknownAlias: Diagnosis? {
        let error = observation.resolveError
        let named = error.map { $0.hasType("no_such_remote_cluster_exception") } ?? false
        guard named || (observation.remoteInfo == nil && observation.resolved == nil && error == nil) else {
            return nil
        }
        return Diagnosis(
            cause: .unknownAlias, summary: "The local cluster has no remote named \(alias).",
            evidence: error.map { "It answered: \($0.allReasons.first ?? $0.description)" },
            fix: "Check the alias spelling, or add the remote (PUT /_cluster/settings with cluster.remote.\(alias).*).")
    }

    var versionProblem: Diagnosis? {
        let minimum = LocalClusterArtifacts.minimumElasticsearchVersion
        for (side, text) in [("local", observation.localVersion), ("remote", observation.remoteVersion)] {
            guard let text, let version = SemanticVersion(text), version < minimum else { continue }
            return Diagnosis(
                cause: .versionTooOld,
                summary:
                    "The \(side) cluster runs Elasticsearch \(version); the API-key security model needs \(minimum) or later on both clusters.",
                fix: "Upgrade the \(side) cluster to \(minimum) or later first.")
        }
        return nil
    }

    var licenseProblem: Diagnosis? {
        for (side, license) in [("local", observation.localLicense), ("remote", observation.remoteLicense)] {
            guard let license, !license.allowsAPIKeyRemoteClusters else { continue }
            return Self.license(
                side: side, evidence: "Its license is \(license.type) (\(license.status)).")
        }
        return nil
    }

    var keyProblem: Diagnosis? {
        switch observation.keyState {
        case .invalidated?, .expired?, .notFound?:
            let state: String
            switch observation.keyState {
            case .invalidated?: state = "has been invalidated"
            case .expired?: state = "has expired"
            default: state = "does not exist on the remote"
            }
            return Diagnosis(
                cause: .invalidKey, summary: "The cross-cluster API key for \(alias) \(state).",
                fix: Self.reissueKey(alias))
        case .wrongType(let type)?:
            return Diagnosis(
                cause: .restKeyInsteadOfCrossCluster,
                summary: "The key for \(alias) is a \(type) API key, not a cross-cluster API key.",
                fix: Self.createCrossClusterKey(alias))
        case .active?, nil:
            return nil
        }
    }

    var credentialsProblem: Diagnosis? {
        let setting = LocalClusterNaming.credentialsSetting(alias: alias)
        if observation.credentialsApplied == false {
            return Diagnosis(
                cause: .missingCredentials,
                summary:
                    "The local credentials Secret does not hold \(setting), so the local cluster has no key for \(alias).",
                fix: "Apply the credentials Secret with the encoded key and let ECK roll the pods.")
        }
        if observation.rolloutFinished == false {
            return Diagnosis(
                cause: .stillConnecting,
                summary:
                    "The local cluster's rollout has not finished, so its nodes may not have loaded the key for \(alias) yet.",
                fix:
                    "Wait until the Elasticsearch resource is Ready again (kubectl get elasticsearch), then check again."
            )
        }
        guard let info = observation.remoteInfo, !info.hasClusterCredentials else { return nil }
        return Diagnosis(
            cause: .missingCredentials,
            summary:
                "\(alias) has no cluster_credentials in _remote/info: the local cluster has no API key for it and falls back to the certificate model.",
            fix:
                "Put the encoded key under \(setting) in the keystore of every node (on ECK: the Secret in spec.secureSettings, which rolls the pods), with exactly the alias \(alias)."
        )
    }

    var preflightProblem: Diagnosis? {
        for result in observation.preflight {
            if let issuer = result.presentedChain.map(\.issuer).first(where: { $0.contains(Self.autoTransportCA) }) {
                return Diagnosis(
                    cause: .transportPort, summary: Self.summary(for: .transportPort, alias: alias),
                    evidence:
                        "\(result.request.address) presents a certificate issued by \"\(issuer)\", the transport layer's CA.",
                    fix: "Use the remote cluster server port (9443) in the proxy address or seeds.")
            }
            if !observation.preflightUsedClusterTrust, result.handshakeCompleted, result.nameMatched == false,
                result.presentedChain.allSatisfy({ $0.isValid(at: result.checkedAt) })
            {
                let names = result.presentedChain.first.map(CertificateNameMatch.names(of:)) ?? []
                return Diagnosis(
                    cause: .serverNameMismatch,
                    summary: Self.summary(for: .serverNameMismatch, alias: alias) + " (checked from this machine)",
                    evidence:
                        "The certificate is for \(names.isEmpty ? "no names" : names.joined(separator: ", ")), not \(result.request.expectedName).",
                    fix: "Set server_name to a name the certificate carries.")
            }
            guard let probe = result.diagnosis, probe.severity == .error else { continue }
            let evidence = [probe.summary, probe.seen].compactMap { $0 }.joined(separator: " ")
            let cause: Diagnosis.Cause
            switch probe.cause {
            case .hostNotFound, .nothingListening, .timedOut, .connectionFailed: cause = unreachableCause
            case .plainHTTPPort, .restPort: cause = .restPort
            case .cloudProxyPort: cause = .cloudProxyPort
            case .transportPortDifferentCA: cause = .transportPort
            case .wrongCA, .caFileUnusable:
                guard observation.preflightUsedClusterTrust else { continue }
                cause = .untrustedCertificate
            case .wrongServerName: cause = .serverNameMismatch
            case .expiredCertificate: cause = .certificateExpired
            // Not TLS at all: the probe's own words (neither TLS nor HTTP) say what answered.
            case .handshakeFailed, .otherProtocol: cause = .unknown
            }
            let from = observation.preflightUsedClusterTrust ? "" : " (checked from this machine)"
            return Diagnosis(
                cause: cause, summary: Self.summary(for: cause, alias: alias) + from, evidence: evidence,
                fix: cause == .seedsUnreachable ? Self.seedsUnreachableFix : probe.fix,
                raw: cause == .unknown ? probe.seen ?? probe.summary : nil)
        }
        return nil
    }

    var fallback: Diagnosis {
        let texts = observation.errorTexts
        if let first = texts.first {
            if Self.isConnectionLevel(first), answersFromHere {
                return Diagnosis(
                    cause: .unknown,
                    summary:
                        "\(alias)'s remote cluster server answers from this machine, but the local cluster cannot open a connection to it.",
                    evidence: first,
                    fix:
                        "Most often the local cluster does not trust the certificate: check that xpack.security.remote_cluster_client.ssl.certificate_authorities holds the CA that signed it (on ECK the CA ConfigMap). Otherwise the local cluster's network cannot reach the address, or the address leads to another cluster; its log says which. With skip_unavailable set to false for a moment, a search across \(alias) fails with the connection's own error.",
                    raw: texts.joined(separator: "\n"))
            }
            if Self.isConnectionLevel(first) {
                let cause = unreachableCause
                return Diagnosis(
                    cause: cause, summary: Self.summary(for: cause, alias: alias), evidence: first,
                    fix: cause == .seedsUnreachable ? Self.seedsUnreachableFix : Self.unreachableFix)
            }
            return Diagnosis(
                cause: .unknown, summary: "\(alias) is not connected, for a reason the tool does not recognise.",
                evidence: nil, fix: "Read the error below and the local cluster's log for the remote.",
                raw: texts.joined(separator: "\n"))
        }
        return Diagnosis(
            cause: .stillConnecting,
            summary: "\(alias) is not connected, and neither _resolve/cluster nor _remote/info says why.",
            fix:
                "Check the local cluster's log for ProxyConnectionStrategy or SniffConnectionStrategy warnings, and run a cross-cluster search on \(alias):* to see its error."
        )
    }

    /// Nothing answers: at the proxy address (row 1), or at any seed in sniff mode (row 2).
    var unreachableCause: Diagnosis.Cause {
        observation.usesSeeds || observation.errorTexts.contains { $0.contains("no seed node left") }
            ? .seedsUnreachable : .unreachable
    }

    /// Whether a probe from this machine (not with the cluster's trust) completed the handshake.
    var answersFromHere: Bool {
        !observation.preflightUsedClusterTrust && observation.preflight.contains { $0.handshakeCompleted }
    }

    // MARK: error texts (FACTS.md §5)

    /// One recognisable error text: what to look for, and the diagnosis it means.
    struct TextRule: Sendable {
        var matches: @Sendable (String) -> Bool
        var cause: Diagnosis.Cause
        var summary: @Sendable (String) -> String
        var fix: @Sendable (String) -> String

        /// Matches a text that contains any of `needles`.
        init(
            _ needles: [String], _ cause: Diagnosis.Cause, summary: @escaping @Sendable (String) -> String,
            fix: @escaping @Sendable (String) -> String
        ) {
            self.matches = { text in needles.contains { text.contains($0) } }
            self.cause = cause
            self.summary = summary
            self.fix = fix
        }

        /// Matches a text that contains every one of `needles`.
        init(
            all needles: [String], _ cause: Diagnosis.Cause, summary: @escaping @Sendable (String) -> String,
            fix: @escaping @Sendable (String) -> String
        ) {
            self.init(needles, cause, summary: summary, fix: fix)
            self.matches = { text in needles.allSatisfy { text.contains($0) } }
        }
    }

    static let useRemoteClusterPort = "Use the remote cluster server port (9443) in the proxy address or seeds."

    /// Elasticsearch's texts (FACTS.md §5), most specific first.
    static let textRules: [TextRule] = [
        TextRule(
            ["current license is non-compliant for"], .licenseTooLow,
            summary: { _ in "A license does not allow API-key remote clusters (advanced-remote-cluster-security)." },
            fix: { _ in licenseFix }),
        TextRule(
            ["authentication expected API key type of"], .restKeyInsteadOfCrossCluster,
            summary: { "The key for \($0) is a REST API key; remote clusters need a cross-cluster API key." },
            fix: createCrossClusterKey),
        TextRule(
            [
                "require transport header [_cross_cluster_access_credentials]",
                "Make sure you have configured remote cluster credentials",
            ],
            .missingCredentials,
            summary: { "The local cluster sends no API key for \($0) (it uses the certificate model)." },
            fix: {
                "Add cluster.remote.\($0).credentials to the keystore of every node with exactly this alias, then reload or restart."
            }),
        TextRule(
            [
                "remote cluster handshake action requires channel profile", "Empty client certificate chain",
                "bad_certificate",
            ],
            .transportPort, summary: { summary(for: .transportPort, alias: $0) }, fix: { _ in useRemoteClusterPort }),
        TextRule(
            all: [RemoteHandshakeText.action, "missing authentication credentials"], .transportPort,
            summary: { summary(for: .transportPort, alias: $0) }, fix: { _ in useRemoteClusterPort }),
        TextRule(
            all: [RemoteHandshakeText.action, "is unauthorized for user"], .transportPort,
            summary: { summary(for: .transportPort, alias: $0) }, fix: { _ in useRemoteClusterPort }),
        TextRule(
            ["unable to authenticate user", "invalid credentials for API key"], .invalidKey,
            summary: { "The remote does not accept the API key for \($0)." }, fix: reissueKey),
        TextRule(
            ["because no remote indices privileges apply for the target cluster"], .noRemoteIndicesPrivileges,
            summary: { "The user has no remote_indices privileges for \($0)." },
            fix: { "Give the user a role with remote_indices for the cluster \($0) (the wizard's Role step, or a plan's role, makes one)." }),
        TextRule(
            ["towards remote cluster is unauthorized for user", "towards remote cluster ["], .insufficientPrivileges,
            summary: { "The request reached \($0) but is not allowed on those indices." },
            fix: { _ in
                "Widen the cross-cluster key's access (search names) or the user's remote_indices so both cover the indices."
            }),
        TextRule(
            ["does not have the remote_cluster_client role"], .nodeLacksRemoteClusterClientRole,
            summary: { _ in "The node that got the request does not have the remote_cluster_client role." },
            fix: { _ in
                "Send cross-cluster requests to nodes with the remote_cluster_client role (the default role set has it)."
            }),
        TextRule(
            ["unexpected remote cluster name"], .proxyReachesSeveralClusters,
            summary: { "The proxy address of \($0) leads to more than one cluster." },
            fix: { _ in "Make the proxy or load balancer route to exactly one remote cluster." }),
        TextRule(
            ["] disconnected", "closed by remote"], .unreliableConnection,
            summary: { "The connection to \($0) was dropped while a request was on it." },
            fix: {
                "Something on the network path (firewall, NAT, load balancer) probably closes long-lived idle connections. Allow them, or keep the connection busy: set cluster.remote.\($0).transport.ping_schedule (for example 30s) below the idle timeout, and use TCP keepalives and a short retransmission timeout (net.ipv4.tcp_retries2) on the local nodes."
            }),
        TextRule(
            ["issued by [CN=\(autoTransportCA)]", "profile=default"], .transportPort,
            summary: { summary(for: .transportPort, alias: $0) }, fix: { _ in useRemoteClusterPort }),
        TextRule(
            ["No subject alternative", "No name matching"], .serverNameMismatch,
            summary: { summary(for: .serverNameMismatch, alias: $0) },
            fix: { _ in
                "Set server_name to a name the remote's certificate carries (for ECK: <name>-es-remote-cluster.<namespace>.svc)."
            }),
        TextRule(
            ["validity check failed", "certificate expired", "NotAfter"], .certificateExpired,
            summary: { summary(for: .certificateExpired, alias: $0) },
            fix: { _ in "Renew the remote cluster server's certificate (or fetch the current CA after a rotation)." }),
        TextRule(
            ["failed to establish trust with server", "PKIX path", "unable to find valid certification path"],
            .untrustedCertificate, summary: { summary(for: .untrustedCertificate, alias: $0) },
            fix: { _ in
                "Add the remote's CA to xpack.security.remote_cluster_client.ssl.certificate_authorities on every local node (on ECK: the CA ConfigMap), and restart."
            }),
        TextRule(
            ["no such remote cluster"], .unknownAlias, summary: { "The local cluster has no remote named \($0)." },
            fix: { _ in "Check the alias spelling, or add the remote first." }),
    ]

    /// The cause an Elasticsearch error text names: the first rule any text matches.
    static func textCause(_ texts: [String], alias: String? = nil) -> Diagnosis? {
        let name = alias ?? "the remote"
        for rule in textRules {
            guard let text = texts.first(where: rule.matches) else { continue }
            return Diagnosis(cause: rule.cause, summary: rule.summary(name), evidence: text, fix: rule.fix(name))
        }
        return nil
    }

    static func isConnectionLevel(_ text: String) -> Bool {
        [
            "Unable to open any proxy connections", "connect_exception", "no seed node left",
            "ConnectTransportException",
            "connect_timeout", "Unable to connect to [",
        ].contains { text.contains($0) }
    }

    /// The CA Elasticsearch's security auto-configuration makes for the transport layer (9300).
    static let autoTransportCA = "Elastic Auto Transport CA"

    static let unreachableFix =
        "Check the host and port (the remote cluster server listens on 9443), that the remote cluster server is enabled, and that no firewall blocks the way from the local cluster."

    static let seedsUnreachableFix =
        "Check that each seed is host:port of the remote cluster server (9443, not 9300), that it is enabled, and that no firewall blocks the way. In sniff mode the local nodes then dial the remote nodes' publish addresses too, so those must be reachable from the local cluster; when they are not (Kubernetes, cloud, NAT), use proxy mode."

    static func summary(for cause: Diagnosis.Cause, alias: String) -> String {
        switch cause {
        case .unreachable: return "The local cluster cannot reach \(alias)'s remote cluster server."
        case .seedsUnreachable: return "The local cluster cannot reach any seed of \(alias)."
        case .untrustedCertificate: return "The local cluster does not trust \(alias)'s certificate."
        case .serverNameMismatch:
            return "\(alias)'s certificate does not carry the server name the local cluster checks."
        case .certificateExpired: return "\(alias)'s certificate is expired or not yet valid."
        case .transportPort:
            return "The address of \(alias) is the transport port (9300), not the remote cluster server (9443)."
        case .restPort: return "The address of \(alias) is the REST port, not the remote cluster server (9443)."
        case .cloudProxyPort:
            return "The address of \(alias) uses port 9400, the cloud proxy's port for the certificate model."
        default: return "\(alias) is not connected."
        }
    }

    static let licenseFix =
        "Use an Enterprise or trial license on both clusters (POST /_license/start_trial?acknowledge=true starts a trial)."

    static func license(side: String, evidence: String) -> Diagnosis {
        Diagnosis(
            cause: .licenseTooLow,
            summary:
                "The \(side) cluster's license does not allow API-key remote clusters (advanced-remote-cluster-security).",
            evidence: evidence, fix: licenseFix)
    }

    static func reissueKey(_ alias: String) -> String {
        "Create a new cross-cluster API key on the remote and replace cluster.remote.\(alias).credentials in the local keystore (the API key step does both: run it again in the wizard, or apply the plan again)."
    }

    static func createCrossClusterKey(_ alias: String) -> String {
        "Create a cross-cluster API key (POST /_security/cross_cluster/api_key) on the remote and put its encoded value under cluster.remote.\(alias).credentials."
    }
}

/// Strings of Elasticsearch's remote cluster handshake that the rules look for.
enum RemoteHandshakeText {
    static let action = "cluster:internal/remote_cluster/handshake"
}

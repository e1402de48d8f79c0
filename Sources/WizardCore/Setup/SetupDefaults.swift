import RemoteClusterKit

/// Defaults the wizard derives from earlier answers: the name it calls the remote by, the alias,
/// the key name, and the server name a remote type implies.
public enum SetupDefaults {
    /// A short name for the remote: the ECK resource name, else the first label of the proxy host
    /// (or the first seed's); `remote` when nothing better is known.
    public static func remoteLabel(_ answers: SetupAnswers) -> String {
        if answers.type == .eck, !answers.remoteECKName.isEmpty {
            return Validators.suggestedAlias(from: answers.remoteECKName)
        }
        let address = answers.mode == "sniff" ? SetupAnswers.list(answers.seeds).first ?? "" : answers.proxyAddress
        guard let parsed = try? ProxyAddress(parsing: address) else { return "remote" }
        if parsed.isIPv6 || HostSyntax.isIPv4(parsed.host) { return "remote" }
        let first = parsed.host.split(separator: ".").first.map(String.init) ?? "remote"
        // ECH and ECE hosts start with a long deployment id; keep it short.
        let label = first.count > 16 ? String(first.prefix(8)) : first
        return Validators.suggestedAlias(from: label)
    }

    /// The alias offered on the Add remote screen.
    public static func alias(_ answers: SetupAnswers) -> String { remoteLabel(answers) }

    /// The name of the cross-cluster API key created on the remote: who uses it and for what.
    public static func keyName(_ answers: SetupAnswers) -> String {
        let local = answers.localName.isEmpty ? "eck" : answers.localName
        return "\(local)-to-\(remoteLabel(answers))-cross-cluster"
    }

    /// The server name the type implies: the remote-cluster Service name for ECK, the proxy host
    /// for Elastic Cloud (its proxy routes by SNI); nil when none is implied.
    public static func serverName(_ answers: SetupAnswers) -> String? {
        switch answers.type {
        case .eck?:
            guard !answers.remoteECKName.isEmpty else { return nil }
            return "\(answers.remoteECKName)-es-remote-cluster.\(answers.remoteECKNamespace).svc"
        case .ech?, .ece?:
            guard let parsed = try? ProxyAddress(parsing: answers.proxyAddress), !parsed.isIPv6,
                !HostSyntax.isIPv4(parsed.host)
            else { return nil }
            return parsed.host
        default:
            return nil
        }
    }
}

import Foundation
import Yams

extension Plan {
    /// Reads and validates a plan file. Relative paths are resolved against the file's folder.
    public static func load(from file: URL, now: Date = Date()) throws(PlanError) -> ParsedPlan {
        let text = try PlanDocumentProblems.text(of: file)
        return try parse(yaml: text, folder: file.deletingLastPathComponent(), now: now, source: file.path)
    }

    /// Parses and validates plan text; every problem names its YAML path. Throws all problems
    /// at once; warnings come back with the plan.
    /// `source` names the text in problems about the document as a whole (the file's path).
    public static func parse(
        yaml text: String, folder: URL, now: Date = Date(), source: String = "(plan)", limits: PlanLimits = .standard
    ) throws(PlanError) -> ParsedPlan {
        let root: Node?
        do { root = try YAMLText.compose(text) } catch {
            throw PlanError(problems: [PlanDocumentProblems.unreadable(error, source: source)])
        }
        guard let root else {
            throw PlanError(problems: [
                FieldProblem(
                    field: "(plan)", problem: "is empty", fix: "Describe `remotes` and `local`, as in docs/plan.md.")
            ])
        }
        var parser = PlanParser(folder: folder.standardizedFileURL, now: now, limits: limits)
        let lines = PlanLineIndex(root)
        guard var plan = parser.plan(root), parser.reader.problems.isEmpty else {
            throw PlanError(problems: lines.locate(parser.reader.problems))
        }
        plan.lineIndex = lines
        return ParsedPlan(plan: plan, warnings: lines.locate(parser.reader.warnings))
    }
}

/// The rules of PLAN.md, applied node by node.
struct PlanParser {
    /// The keys a plan may have at its top level.
    static let topLevelKeys = ["remotes", "local", "role"]

    var reader = PlanNodeReader()
    let folder: URL
    let now: Date
    var limits = PlanLimits.standard

    init(folder: URL, now: Date, limits: PlanLimits = .standard) {
        self.folder = folder
        self.now = now
        self.limits = limits
    }

    mutating func plan(_ root: Node) -> Plan? {
        if let problem = PlanDocumentProblems.notAPlan(root, planKeys: Self.topLevelKeys) {
            reader.problems.append(problem)
            return nil
        }
        guard
            let top = reader.members(
                root, path: "", allowed: Self.topLevelKeys, required: ["remotes", "local"])
        else {
            return nil
        }
        var remotes: [PlanRemote] = []
        if let list = top["remotes"], !PlanNodeReader.isNull(list) {
            if case .sequence(let sequence) = list {
                if sequence.count == 0 {
                    reader.fail("remotes", "is empty", "Describe at least one remote cluster.", at: list)
                }
                if sequence.count > limits.maximumRemotes {
                    reader.fail(
                        "remotes", PlanDocumentProblems.tooManyRemotes(sequence.count, limits: limits),
                        "Split the remotes over several plans, or remove entries that are repeated by mistake.",
                        at: list)
                    return nil
                }
                for (index, item) in sequence.enumerated() {
                    if let remote = remote(item, path: "remotes[\(index)]") { remotes.append(remote) }
                }
            } else {
                reader.fail(
                    "remotes", "must be a list, not \(PlanNodeReader.describe(list))",
                    "Write each remote as a `- alias: ...` entry.", at: list)
            }
        }
        checkUniqueAliases(remotes)
        var localCluster: PlanLocal?
        if let node = top["local"], !PlanNodeReader.isNull(node) { localCluster = local(node) }
        var remoteRole: RemoteRoleSetup?
        if let node = top["role"], !PlanNodeReader.isNull(node) { remoteRole = role(node) }
        guard let localCluster else { return nil }
        return Plan(remotes: remotes, local: localCluster, role: remoteRole, folder: folder)
    }

    mutating func checkUniqueAliases(_ remotes: [PlanRemote]) {
        var seen: [String: String] = [:]
        for remote in remotes {
            if let first = seen[remote.alias] {
                reader.fail(
                    "\(remote.yamlPath).alias", "\(TextExcerpt.quoted(remote.alias)) is already the alias of \(first)",
                    "Give every remote its own alias.")
            } else {
                seen[remote.alias] = remote.yamlPath
            }
        }
    }

    // MARK: remotes[]

    mutating func remote(_ node: Node, path: String) -> PlanRemote? {
        let keys = [
            "alias", "type", "mode", "proxyAddress", "seeds", "serverName", "ca", "skipUnavailable", "eck", "apiKey",
            "prepared", "ignorePreflightFailure", "searchPattern",
        ]
        guard let m = reader.members(node, path: path, allowed: keys, required: ["alias", "type", "apiKey"]) else {
            return nil
        }
        let alias = reader.string(m["alias"], path: "\(path).alias")
        if let alias { reader.add(Validators.alias(alias), path: "\(path).alias") }
        let type = reader.choice(m["type"], path: "\(path).type", as: RemoteClusterType.self)
        let mode = connectionMode(m["mode"], path: "\(path).mode")
        let proxyAddress = reader.string(m["proxyAddress"], path: "\(path).proxyAddress")
        let seeds = reader.stringList(m["seeds"], path: "\(path).seeds")
        let serverName = reader.string(m["serverName"], path: "\(path).serverName")
        let skipUnavailable = reader.bool(m["skipUnavailable"], path: "\(path).skipUnavailable")
        let prepared = reader.bool(m["prepared"], path: "\(path).prepared") ?? false
        let ignorePreflight = reader.bool(m["ignorePreflightFailure"], path: "\(path).ignorePreflightFailure") ?? false
        let searchPattern = reader.string(m["searchPattern"], path: "\(path).searchPattern")
        if let searchPattern {
            reader.add(Validators.indexPatterns([searchPattern]), path: "\(path).searchPattern")
        }
        let ca = reader.path(m["ca"], path: "\(path).ca", folder: folder)

        if mode == .sniff, let type, type != .selfManaged {
            reader.fail(
                "\(path).mode", "sniff mode does not work for \(type.displayName) remotes",
                "Remove `mode` (proxy is the default); only self-managed remotes whose nodes the local cluster can reach may use sniff.",
                at: m["mode"])
        }
        switch mode {
        case .proxy, .other:
            if let proxyAddress {
                reader.add(Validators.proxyAddress(proxyAddress), path: "\(path).proxyAddress")
            } else if m["proxyAddress"] == nil || PlanNodeReader.isNull(m["proxyAddress"]!) {
                reader.fail(
                    "\(path).proxyAddress", "is required in proxy mode",
                    "Add `proxyAddress: host:9443`, the address of the remote cluster server.", at: node)
            }
            if m["seeds"] != nil {
                reader.fail(
                    "\(path).seeds", "only applies in sniff mode",
                    "Remove `seeds`, or set `mode: sniff` for a self-managed remote.", at: m["seeds"])
            }
        case .sniff:
            if let seeds {
                reader.add(Validators.seeds(seeds), path: "\(path).seeds")
            } else {
                reader.fail(
                    "\(path).seeds", "is required in sniff mode",
                    "Add `seeds: [\"host:9443\"]` with one or more remote nodes.", at: node)
            }
            for key in ["proxyAddress", "serverName"] where m[key] != nil {
                reader.fail(
                    "\(path).\(key)", "only applies in proxy mode", "Remove `\(key)`, or remove `mode: sniff`.",
                    at: m[key])
            }
        }
        if let serverName, mode == .proxy { reader.add(Validators.serverName(serverName), path: "\(path).serverName") }
        if type == .selfManaged {
            refuseTransportPort(proxyAddress.map { [$0] } ?? seeds ?? [], path: path, mode: mode)
        }

        var eck: ECKClusterReference?
        if let node = m["eck"], !PlanNodeReader.isNull(node) {
            eck = eckCluster(node, path: "\(path).eck", remote: true)
        }
        if type == .eck, m["eck"] == nil {
            reader.fail(
                "\(path).eck", "is required for type eck",
                "Add `eck: {name: ..., namespace: ..., version: \"3.3.0\"}` naming the remote Elasticsearch resource.",
                at: node)
        }
        if let type, type != .eck, m["eck"] != nil {
            reader.fail("\(path).eck", "only applies to type eck", "Remove `eck`, or set `type: eck`.", at: m["eck"])
        }
        if let ca { checkCA(ca, path: "\(path).ca", type: type, alias: alias) }
        if type == .ech, ca != nil {
            reader.warn(
                "\(path).ca", "ECH presents publicly trusted certificates",
                "Remove `ca`, unless another remote's private CA replaces the default trust and this is the public root CA."
            )
        }
        var key: PlanAPIKey?
        if let node = m["apiKey"], !PlanNodeReader.isNull(node) {
            key = apiKey(node, path: "\(path).apiKey", alias: alias ?? "remote")
        }
        guard let alias, let type, let key else { return nil }
        var keyToCreate: CrossClusterAPIKeyRequest?
        if case .create(let creation) = key { keyToCreate = creation.key }
        let setup = RemoteSetup(
            alias: alias, type: type, mode: mode, proxyAddress: proxyAddress, seeds: seeds ?? [],
            serverName: serverName ?? (type == .ech ? proxyAddress.flatMap(Self.proxyHost) : nil),
            certificateAuthority: ca.map { RemoteCertificateAuthority(path: $0.path, pem: nil) },
            skipUnavailable: skipUnavailable, eck: eck, keyToCreate: keyToCreate)
        let decisions = RemoteDecisions(
            applyRemoteChange: !prepared, remotePrepared: prepared, continuePastFailedPreflight: ignorePreflight)
        return PlanRemote(
            yamlPath: path, setup: setup, apiKey: key, decisions: decisions, searchPattern: searchPattern)
    }

    /// The host of a proxy address, which an ECH proxy routes by (SNI); nil when it is an IP.
    static func proxyHost(_ address: String) -> String? {
        guard let parsed = try? ProxyAddress(parsing: address), !HostSyntax.isIPv4(parsed.host),
            !HostSyntax.isIPv6(parsed.host)
        else { return nil }
        return parsed.host
    }

    /// A self-managed remote's generated `remote_cluster.port` comes from its addresses, so the
    /// transport port there would make the remote cluster server clash with the transport layer.
    mutating func refuseTransportPort(_ addresses: [String], path: String, mode: RemoteConnectionMode) {
        let field = mode == .sniff ? "\(path).seeds" : "\(path).proxyAddress"
        for (index, address) in addresses.enumerated() {
            guard let parsed = try? ProxyAddress(parsing: address), parsed.port == 9300 else { continue }
            var fixed = parsed
            fixed.port = PortAdvice.remoteClusterServerPort
            reader.fail(
                mode == .sniff ? "\(field)[\(index)]" : field,
                "\(address) is the transport port (9300), which the remote cluster server cannot share",
                "Use the remote cluster server port, normally \(fixed); the generated elasticsearch.yml sets remote_cluster.port to it."
            )
        }
    }

    /// `proxy` (the default) or `sniff`.
    mutating func connectionMode(_ node: Node?, path: String) -> RemoteConnectionMode {
        guard let text = reader.string(node, path: path) else { return .proxy }
        switch RemoteConnectionMode(name: text) {
        case .proxy where text == "proxy": return .proxy
        case .sniff where text == "sniff": return .sniff
        default:
            let hint =
                PlanNodeReader.suggestion(for: text, among: ["proxy", "sniff"]).map { "Did you mean `\($0)`? " } ?? ""
            reader.fail(
                path, "\(TextExcerpt.quoted(text)) is not one of proxy, sniff",
                "\(hint)Use proxy (the default) or sniff.", at: node)
            return .proxy
        }
    }

    /// A remote's CA file. For ECK and self-managed remotes the CA may not be saved yet (the
    /// `manifests` command writes the command that saves or creates it), so a missing file is
    /// only a warning there; any other problem with the file is an error.
    mutating func checkCA(_ url: URL, path: String, type: RemoteClusterType?, alias: String?) {
        if !FileManager.default.fileExists(atPath: url.path) {
            let name = alias ?? "<alias>"
            switch type {
            case .eck?:
                reader.warn(
                    path, "\(url.path) does not exist yet",
                    "Save the ECK CA there first: `remote-cluster-wizard manifests --plan PLAN` writes remote-\(name)-save-ca.sh, which does it."
                )
                return
            case .selfManaged?:
                reader.warn(
                    path, "\(url.path) does not exist yet",
                    "Create the CA with remote-\(name)-certificates.sh (`remote-cluster-wizard manifests --plan PLAN` writes it) and copy its ca/ca.crt there."
                )
                return
            default:
                break
            }
        }
        reader.add(Validators.caFile(url.path, now: now), path: path)
    }

    mutating func eckCluster(_ node: Node, path: String, remote: Bool) -> ECKClusterReference? {
        let required = remote ? ["name", "namespace", "version"] : ["name", "namespace"]
        guard
            let m = reader.members(
                node, path: path, allowed: ["name", "namespace", "context", "version"], required: required)
        else {
            return nil
        }
        let name = reader.string(m["name"], path: "\(path).name")
        if let name { reader.add(Validators.kubernetesObjectName(name, field: "name"), path: "\(path).name") }
        let namespace = reader.string(m["namespace"], path: "\(path).namespace")
        if let namespace {
            reader.add(Validators.kubernetesNamespace(namespace, field: "namespace"), path: "\(path).namespace")
        }
        let context = reader.string(m["context"], path: "\(path).context")
        var version: ECKVersion?
        if let text = reader.string(m["version"], path: "\(path).version") {
            version = ECKVersion(text)
            if version == nil {
                reader.fail(
                    "\(path).version", "\(TextExcerpt.quoted(text)) is not a version",
                    "Write the ECK operator version in quotes, e.g. \"3.3.0\".", at: m["version"])
            }
        }
        guard let name, let namespace else { return nil }
        return ECKClusterReference(name: name, namespace: namespace, context: context, version: version)
    }

    // MARK: apiKey

    mutating func apiKey(_ node: Node, path: String, alias: String) -> PlanAPIKey? {
        let choices = ["create", "encodedEnv", "encodedFile"]
        if case .scalar = node {
            reader.fail(path, PlanSecretRules.secretInPlan, PlanSecretRules.keySourceFix, at: node)
            return nil
        }
        guard let m = reader.members(node, path: path, allowed: choices) else { return nil }
        let given = choices.filter { m[$0] != nil }
        guard given.count == 1, let choice = given.first, let value = m[choice] else {
            let problem =
                given.isEmpty ? "names no key source" : "has \(given.joined(separator: " and ")); only one may be given"
            reader.fail(path, problem, "Give exactly one of create, encodedEnv, encodedFile.", at: node)
            return nil
        }
        switch choice {
        case "encodedEnv":
            return reader.environmentName(value, path: "\(path).encodedEnv").map(PlanAPIKey.encodedEnv)
        case "encodedFile":
            guard let url = reader.path(value, path: "\(path).encodedFile", folder: folder) else { return nil }
            if !FileManager.default.isReadableFile(atPath: url.path), let text = value.scalar?.string,
                PlanSecretRules.isEncodedKey(text)
            {
                reader.fail(
                    "\(path).encodedFile", PlanSecretRules.keyAsPath, PlanSecretRules.keySourceFix, at: value)
            } else if !FileManager.default.isReadableFile(atPath: url.path) {
                reader.fail(
                    "\(path).encodedFile", "there is no readable file at \(url.path)",
                    "Save the encoded key (the `encoded` value of the create response) in that file, or fix the path.",
                    at: value)
            }
            return .encodedFile(url)
        default:
            return keyCreation(value, path: "\(path).create", alias: alias).map(PlanAPIKey.create)
        }
    }

    mutating func keyCreation(_ node: Node, path: String, alias: String) -> PlanKeyCreation? {
        let keys = ["url", "user", "passwordEnv", "ca", "name", "expiration", "access"]
        guard
            let m = reader.members(node, path: path, allowed: keys, required: ["url", "user", "passwordEnv", "access"])
        else {
            return nil
        }
        let login = self.login(m, path: path)
        let givenName = reader.string(m["name"], path: "\(path).name")
        if let givenName { reader.add(Validators.apiKeyName(givenName, field: "name"), path: "\(path).name") }
        let name = givenName ?? "remote-cluster-wizard-\(alias)"
        let expiration = reader.string(m["expiration"], path: "\(path).expiration")
        if let expiration { reader.add(Validators.expiration(expiration), path: "\(path).expiration") }
        var granted: CrossClusterAccess?
        if let node = m["access"], !PlanNodeReader.isNull(node) { granted = access(node, path: "\(path).access") }
        guard let login, let granted else { return nil }
        let key = CrossClusterAPIKeyRequest(name: name, access: granted, expiration: expiration)
        return PlanKeyCreation(
            url: login.url, user: login.user, passwordEnv: login.passwordEnv, ca: login.ca, key: key)
    }

    /// `url`, `user`, `passwordEnv` and `ca` of a mapping: how to log in to a cluster's REST API.
    /// Each is checked; nil when one of the required three is missing or wrong.
    mutating func login(_ m: [String: Node], path: String)
        -> (url: String, user: String, passwordEnv: String, ca: URL?)?
    {
        let url = reader.string(m["url"], path: "\(path).url")
        if let url { reader.add(Validators.clusterURL(url), path: "\(path).url") }
        let user = reader.string(m["user"], path: "\(path).user")
        let passwordEnv = reader.environmentName(m["passwordEnv"], path: "\(path).passwordEnv")
        let ca = reader.path(m["ca"], path: "\(path).ca", folder: folder)
        if let ca { reader.add(Validators.caFile(ca.path, now: now), path: "\(path).ca") }
        guard let url, let user, let passwordEnv else { return nil }
        return (url, user, passwordEnv, ca)
    }

    mutating func access(_ node: Node, path: String) -> CrossClusterAccess? {
        guard let m = reader.members(node, path: path, allowed: ["search", "replication"]) else { return nil }
        let search = entries(m["search"], path: "\(path).search", replication: false)
        let replication = entries(m["replication"], path: "\(path).replication", replication: true)
        if search.isEmpty && replication.isEmpty {
            reader.fail(
                path, "grants nothing", "Add `search: [{names: [\"logs-*\"]}]` and/or `replication: [{names: [...]}]`.",
                at: node)
            return nil
        }
        return CrossClusterAccess(
            search: search.map {
                CrossClusterAccess.Search(
                    names: $0.names, fieldSecurity: $0.fieldSecurity, query: $0.query,
                    allowRestrictedIndices: $0.allowRestrictedIndices)
            },
            replication: replication.map {
                CrossClusterAccess.Replication(names: $0.names, allowRestrictedIndices: $0.allowRestrictedIndices)
            })
    }

    /// One `access.search[]` or `access.replication[]` entry as written in the plan.
    struct AccessEntry {
        var names: [String]
        var fieldSecurity: CrossClusterAccess.FieldSecurity?
        var query: JSONValue?
        var allowRestrictedIndices: Bool?
    }

    mutating func entries(_ node: Node?, path: String, replication: Bool) -> [AccessEntry] {
        guard let node, !PlanNodeReader.isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            reader.fail(
                path, "must be a list of entries, not \(PlanNodeReader.describe(node))",
                "Write it as [{names: [\"logs-*\"]}].", at: node)
            return []
        }
        var result: [AccessEntry] = []
        for (index, item) in sequence.enumerated() {
            let itemPath = "\(path)[\(index)]"
            if replication, case .mapping(let mapping) = item,
                let key = mapping.keys.compactMap(\.scalar?.string).first(where: {
                    ["fieldSecurity", "query"].contains($0)
                })
            {
                reader.fail(
                    "\(itemPath).\(key)", "replication does not support document or field level security",
                    "Remove `\(key)`; only `search` entries can restrict documents or fields.", at: item)
                continue
            }
            let allowed =
                replication
                ? ["names", "allowRestrictedIndices"] : ["names", "fieldSecurity", "query", "allowRestrictedIndices"]
            guard let m = reader.members(item, path: itemPath, allowed: allowed, required: ["names"]) else { continue }
            guard let names = reader.stringList(m["names"], path: "\(itemPath).names", allowSingle: true) else {
                continue
            }
            reader.add(Validators.indexPatterns(names), path: "\(itemPath).names")
            var fieldSecurity: CrossClusterAccess.FieldSecurity?
            if let node = m["fieldSecurity"] {
                fieldSecurity = self.fieldSecurity(node, path: "\(itemPath).fieldSecurity")
            }
            var query: JSONValue?
            if let node = m["query"] { query = json(node, path: "\(itemPath).query") }
            let restricted = reader.bool(m["allowRestrictedIndices"], path: "\(itemPath).allowRestrictedIndices")
            result.append(
                AccessEntry(
                    names: names, fieldSecurity: fieldSecurity, query: query, allowRestrictedIndices: restricted))
        }
        return result
    }

    mutating func fieldSecurity(_ node: Node, path: String) -> CrossClusterAccess.FieldSecurity? {
        guard let m = reader.members(node, path: path, allowed: ["grant", "except"]) else { return nil }
        let grant = reader.stringList(m["grant"], path: "\(path).grant") ?? []
        let except = reader.stringList(m["except"], path: "\(path).except") ?? []
        if grant.isEmpty && except.isEmpty {
            reader.fail(
                path, "names no fields", "Add `grant: [\"field\"]` and/or `except: [\"field\"]`, or remove it.",
                at: node)
            return nil
        }
        return CrossClusterAccess.FieldSecurity(grant: grant, except: except)
    }

    mutating func json(_ node: Node, path: String) -> JSONValue? {
        do { return try JSONValue(yamlNode: node) } catch {
            reader.fail(path, "cannot be read: \(error.reason)", "Write it as a YAML mapping.", at: node)
            return nil
        }
    }

    // MARK: local, role

    mutating func local(_ node: Node) -> PlanLocal? {
        let keys = ["url", "user", "passwordEnv", "ca", "eck", "applyManifests", "manifestsDir"]
        guard
            let m = reader.members(node, path: "local", allowed: keys, required: ["url", "user", "passwordEnv", "eck"])
        else {
            return nil
        }
        let login = self.login(m, path: "local")
        var eck: ECKClusterReference?
        if let node = m["eck"], !PlanNodeReader.isNull(node) {
            eck = eckCluster(node, path: "local.eck", remote: false)
        }
        let apply =
            reader.choice(m["applyManifests"], path: "local.applyManifests", as: ManifestApplyMode.self) ?? .kubectl
        let manifestsDir =
            reader.path(m["manifestsDir"], path: "local.manifestsDir", folder: folder)
            ?? folder.appendingPathComponent("manifests")
        guard let login, let eck else { return nil }
        return PlanLocal(
            url: login.url, user: login.user, passwordEnv: login.passwordEnv, ca: login.ca, eck: eck,
            applyManifests: apply, manifestsDir: manifestsDir)
    }

    mutating func role(_ node: Node) -> RemoteRoleSetup? {
        guard
            let m = reader.members(
                node, path: "role", allowed: ["name", "names", "privileges"], required: ["name", "names"])
        else {
            return nil
        }
        let name = reader.string(m["name"], path: "role.name")
        let names = reader.stringList(m["names"], path: "role.names")
        if let names { reader.add(Validators.indexPatterns(names), path: "role.names") }
        let privileges = reader.stringList(m["privileges"], path: "role.privileges") ?? RoleDefinition.searchPrivileges
        if m["privileges"] != nil, privileges.isEmpty {
            reader.fail(
                "role.privileges", "is empty",
                "List the index privileges, e.g. [read, read_cross_cluster, view_index_metadata].", at: m["privileges"])
        }
        guard let name, let names else { return nil }
        return RemoteRoleSetup(name: name, indexNames: names, privileges: privileges)
    }
}

import OrderedCollections

/// The change the local `Elasticsearch` resource needs for API-key remotes.
public struct LocalElasticsearchChange: Sendable, Hashable {
    /// The Secret holding `cluster.remote.<alias>.credentials`, added to `spec.secureSettings`.
    public var secureSettingsSecret: String
    /// Entries for `xpack.security.remote_cluster_client.ssl.certificate_authorities`, relative to
    /// the Elasticsearch config folder; empty when every remote is publicly trusted.
    public var certificateAuthorities: [String]
    /// The ConfigMap with the CA files, mounted into every nodeSet; nil when there is none.
    public var caConfigMap: String?
    public var caVolumeName: String
    public var caMountPath: String

    public init(
        secureSettingsSecret: String, certificateAuthorities: [String] = [], caConfigMap: String? = nil,
        caVolumeName: String = LocalClusterNaming.caVolumeName,
        caMountPath: String = LocalClusterNaming.caMountPath
    ) {
        self.secureSettingsSecret = secureSettingsSecret
        self.certificateAuthorities = certificateAuthorities
        self.caConfigMap = caConfigMap
        self.caVolumeName = caVolumeName
        self.caMountPath = caMountPath
    }
}

/// What merging changed, for the notes.
public struct ElasticsearchMergeReport: Sendable, Hashable {
    public var nodeSetNames: [String]
    /// The sum of `nodeSets[].count`.
    public var podCount: Int
    public var addedSecureSettings: Bool
    /// nodeSets whose `config` changed (this rolls their pods).
    public var configChangedNodeSets: [String]
    /// nodeSets whose `podTemplate` changed (this rolls their pods).
    public var podTemplateChangedNodeSets: [String]
    /// nodeSets where `remote_cluster_client.ssl.enabled` was explicitly false before.
    public var tlsWasDisabledNodeSets: [String]

    /// Whether applying the merged resource changes anything.
    public var changesAnything: Bool {
        addedSecureSettings || !configChangedNodeSets.isEmpty || !podTemplateChangedNodeSets.isEmpty
    }

    /// Whether the nodeSets' pods roll because their config or pod template changed.
    public var rollsPods: Bool { !configChangedNodeSets.isEmpty || !podTemplateChangedNodeSets.isEmpty }
}

/// Merges the remote-cluster change into a current `Elasticsearch` resource, keeping everything
/// else: existing secureSettings, config keys (nested or flat), volumes, mounts and containers.
/// Merging the result again changes nothing.
public enum ElasticsearchResourceMerge {
    static let tlsEnabledSetting = "xpack.security.remote_cluster_client.ssl.enabled"
    static let certificateAuthoritiesSetting = "xpack.security.remote_cluster_client.ssl.certificate_authorities"

    /// The merged resource and a report of what changed.
    public static func merge(_ resource: JSONValue, with change: LocalElasticsearchChange)
        throws(ArtifactError) -> (resource: JSONValue, report: ElasticsearchMergeReport)
    {
        guard resource.objectValue != nil, resource["kind"]?.stringValue == "Elasticsearch" else {
            throw ArtifactError(
                problem:
                    "The local resource is not an Elasticsearch object (kind is \(resource["kind"]?.stringValue.map { "\"\($0)\"" } ?? "missing"))",
                fix: "Pass what `kubectl get elasticsearch NAME -o yaml` prints for the local cluster.")
        }
        guard var nodeSets = resource[path: ["spec", "nodeSets"]]?.arrayValue, !nodeSets.isEmpty else {
            throw ArtifactError(
                problem: "The local Elasticsearch resource has no spec.nodeSets",
                fix: "Pass the complete resource as `kubectl get elasticsearch NAME -o yaml` prints it.")
        }
        var merged = resource
        var spec = merged["spec"] ?? [:]
        var report = ElasticsearchMergeReport(
            nodeSetNames: [], podCount: 0, addedSecureSettings: false,
            configChangedNodeSets: [], podTemplateChangedNodeSets: [],
            tlsWasDisabledNodeSets: [])

        var secureSettings = spec["secureSettings"]?.arrayValue ?? []
        if !secureSettings.contains(where: { $0["secretName"]?.stringValue == change.secureSettingsSecret }) {
            secureSettings.append(["secretName": .string(change.secureSettingsSecret)])
            spec["secureSettings"] = .array(secureSettings)
            report.addedSecureSettings = true
        }

        for index in nodeSets.indices {
            let name = nodeSets[index]["name"]?.stringValue ?? "nodeSets[\(index)]"
            report.nodeSetNames.append(name)
            report.podCount += nodeSets[index]["count"]?.intValue ?? 0

            let before = nodeSets[index]
            var config = before["config"] ?? [:]
            if let enabled = ConfigSettingPath.value(of: tlsEnabledSetting, in: config),
                enabled == false || enabled == "false"
            {
                report.tlsWasDisabledNodeSets.append(name)
            }
            mergeConfig(&config, change: change)
            if config != before["config"] {
                nodeSets[index]["config"] = config
                report.configChangedNodeSets.append(name)
            }
            if let configMap = change.caConfigMap {
                var podTemplate = before["podTemplate"] ?? [:]
                try mergePodTemplate(
                    &podTemplate, configMap: configMap, change: change,
                    path: "spec.nodeSets[\(index)].podTemplate.spec")
                if podTemplate != before["podTemplate"] {
                    nodeSets[index]["podTemplate"] = podTemplate
                    report.podTemplateChangedNodeSets.append(name)
                }
            }
        }
        spec["nodeSets"] = .array(nodeSets)
        merged["spec"] = spec
        return (merged, report)
    }

    private static func mergeConfig(_ config: inout JSONValue, change: LocalElasticsearchChange) {
        if !isTrue(ConfigSettingPath.value(of: tlsEnabledSetting, in: config)) {
            ConfigSettingPath.set(tlsEnabledSetting, to: true, in: &config)
        }
        guard !change.certificateAuthorities.isEmpty else { return }
        let existing = ConfigSettingPath.value(of: certificateAuthoritiesSetting, in: config)
        let current = listEntries(existing)
        let missing = change.certificateAuthorities.filter { !current.contains($0) }
        guard !missing.isEmpty else { return }
        ConfigSettingPath.set(
            certificateAuthoritiesSetting, to: .array((current + missing).map(JSONValue.string)),
            in: &config)
    }

    /// Whether a boolean setting is true, written as YAML `true` or as the string "true" (both
    /// mean the same to Elasticsearch, so one is never rewritten into the other).
    static func isTrue(_ value: JSONValue?) -> Bool { value == true || value == "true" }

    /// The entries of a list setting, which may also be a single or comma-separated string.
    static func listEntries(_ value: JSONValue?) -> [String] {
        switch value {
        case .array(let items)?: return items.compactMap(\.stringValue)
        case .string(let text)?:
            return text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        default: return []
        }
    }

    /// Adds the CA volume and its mount to the `elasticsearch` container. A volume the wizard
    /// added before is kept as it is, and its mount moved to the CA path if needed; one of the operator's that is in the way (same
    /// volume name, or another volume at the mount path) is an error, never overwritten.
    private static func mergePodTemplate(
        _ podTemplate: inout JSONValue, configMap: String, change: LocalElasticsearchChange, path: String
    ) throws(ArtifactError) {
        var podSpec = podTemplate["spec"] ?? [:]
        let volume: JSONValue = ["name": .string(change.caVolumeName), "configMap": ["name": .string(configMap)]]
        var volumes = podSpec["volumes"]?.arrayValue ?? []
        if let at = volumes.firstIndex(where: { $0["name"]?.stringValue == change.caVolumeName }) {
            guard volumes[at][path: ["configMap", "name"]]?.stringValue == configMap else {
                throw ArtifactError(
                    problem:
                        "\(path).volumes[\(at)] is already named \(change.caVolumeName) and does not hold the ConfigMap \(configMap)",
                    fix: "Rename that volume (and its volumeMounts) in the local resource, then generate the files again.")
            }
        } else {
            volumes.append(volume)
        }
        podSpec["volumes"] = .array(volumes)

        let mount: JSONValue = [
            "name": .string(change.caVolumeName), "mountPath": .string(change.caMountPath),
            "readOnly": true,
        ]
        var containers = podSpec["containers"]?.arrayValue ?? []
        let at =
            containers.firstIndex { $0["name"]?.stringValue == "elasticsearch" }
            ?? {
                containers.append(["name": "elasticsearch"])
                return containers.count - 1
            }()
        var mounts = containers[at]["volumeMounts"]?.arrayValue ?? []
        if let other = mounts.firstIndex(where: {
            $0["mountPath"]?.stringValue == change.caMountPath && $0["name"]?.stringValue != change.caVolumeName
        }) {
            throw ArtifactError(
                problem:
                    "\(path).containers[\(at)].volumeMounts[\(other)] already mounts \(mounts[other]["name"]?.stringValue ?? "a volume") at \(change.caMountPath)",
                fix: "Mount that volume elsewhere in the local resource, then generate the files again.")
        }
        if let existing = mounts.firstIndex(where: { $0["name"]?.stringValue == change.caVolumeName }) {
            if mounts[existing]["mountPath"]?.stringValue != change.caMountPath {
                mounts[existing]["mountPath"] = .string(change.caMountPath)
            }
        } else {
            mounts.append(mount)
        }
        containers[at]["volumeMounts"] = .array(mounts)
        podSpec["containers"] = .array(containers)
        podTemplate["spec"] = podSpec
    }
}

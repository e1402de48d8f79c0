/// What undoing the remote-cluster change removes from a local `Elasticsearch` resource.
public struct LocalElasticsearchRemoval: Sendable, Hashable {
    /// `certificate_authorities` entries to take out of every nodeSet.
    public var certificateAuthorities: [String]
    /// The secure settings Secret to drop from `spec.secureSettings` (when it holds no key any more).
    public var secureSettingsSecret: String?
    /// Whether the CA volume and its mount go too (when the ConfigMap holds no CA any more).
    public var removesCAVolume: Bool
    public var caVolumeName: String
    public var caMountPath: String

    public init(
        certificateAuthorities: [String], secureSettingsSecret: String?, removesCAVolume: Bool,
        caVolumeName: String = LocalClusterNaming.caVolumeName, caMountPath: String = LocalClusterNaming.caMountPath
    ) {
        self.certificateAuthorities = certificateAuthorities
        self.secureSettingsSecret = secureSettingsSecret
        self.removesCAVolume = removesCAVolume
        self.caVolumeName = caVolumeName
        self.caMountPath = caMountPath
    }
}

/// The reverse of `ElasticsearchResourceMerge`: takes the wizard's entries out of a resource and
/// prunes what that leaves empty, keeping everything else. `remote_cluster_client.ssl.enabled`
/// stays (it is Elasticsearch's default and may have been there before).
public enum ElasticsearchResourceUnmerge {
    /// The resource without the entries, and one line per change.
    public static func remove(_ removal: LocalElasticsearchRemoval, from resource: JSONValue) -> (
        resource: JSONValue, changes: [String]
    ) {
        var result = resource
        var spec = resource["spec"] ?? [:]
        var changes: [String] = []
        if let secret = removal.secureSettingsSecret, var secure = spec["secureSettings"]?.arrayValue {
            let before = secure.count
            secure.removeAll { $0["secretName"]?.stringValue == secret }
            if secure.count != before {
                spec["secureSettings"] = secure.isEmpty ? nil : .array(secure)
                changes.append("removed \(secret) from spec.secureSettings")
            }
        }
        var nodeSets = spec["nodeSets"]?.arrayValue ?? []
        for index in nodeSets.indices {
            let name = nodeSets[index]["name"]?.stringValue ?? "nodeSets[\(index)]"
            var config = nodeSets[index]["config"] ?? [:]
            let setting = ElasticsearchResourceMerge.certificateAuthoritiesSetting
            let current = ElasticsearchResourceMerge.listEntries(ConfigSettingPath.value(of: setting, in: config))
            let kept = current.filter { !removal.certificateAuthorities.contains($0) }
            if kept.count != current.count {
                if kept.isEmpty {
                    ConfigSettingPath.remove(setting, in: &config)
                } else {
                    ConfigSettingPath.set(setting, to: .array(kept.map(JSONValue.string)), in: &config)
                }
                nodeSets[index]["config"] = config.objectValue?.isEmpty == true ? nil : config
                changes.append(
                    "removed \(current.count - kept.count) CA file\(current.count - kept.count == 1 ? "" : "s") from \(name)'s certificate_authorities"
                )
            }
            if removal.removesCAVolume, let template = nodeSets[index]["podTemplate"] {
                let pruned = withoutCAVolume(template, removal: removal)
                if pruned != template {
                    nodeSets[index]["podTemplate"] = pruned.objectValue?.isEmpty == true ? nil : pruned
                    changes.append("removed the \(removal.caVolumeName) volume from \(name)")
                }
            }
        }
        if !nodeSets.isEmpty { spec["nodeSets"] = .array(nodeSets) }
        result["spec"] = spec
        return (result, changes)
    }

    static func withoutCAVolume(_ template: JSONValue, removal: LocalElasticsearchRemoval) -> JSONValue {
        var podTemplate = template
        var podSpec = template["spec"] ?? [:]
        if var volumes = podSpec["volumes"]?.arrayValue {
            volumes.removeAll { $0["name"]?.stringValue == removal.caVolumeName }
            podSpec["volumes"] = volumes.isEmpty ? nil : .array(volumes)
        }
        if var containers = podSpec["containers"]?.arrayValue {
            for index in containers.indices where containers[index]["name"]?.stringValue == "elasticsearch" {
                var mounts = containers[index]["volumeMounts"]?.arrayValue ?? []
                mounts.removeAll { $0["name"]?.stringValue == removal.caVolumeName }
                containers[index]["volumeMounts"] = mounts.isEmpty ? nil : .array(mounts)
            }
            containers.removeAll {
                $0["name"]?.stringValue == "elasticsearch" && $0.objectValue?.keys.elementsEqual(["name"]) == true
            }
            podSpec["containers"] = containers.isEmpty ? nil : .array(containers)
        }
        podTemplate["spec"] = podSpec.objectValue?.isEmpty == true ? nil : podSpec
        return podTemplate
    }
}

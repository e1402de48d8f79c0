import Foundation
import RemoteClusterKit

/// Works out what the pods of an ECK-managed `Elasticsearch` resource start with, as the operator
/// would build it: the keystore from the Secrets in `spec.secureSettings`, `elasticsearch.yml` from
/// `spec.nodeSets[0].config`, and config files from the ConfigMap/Secret volumes mounted into the
/// `elasticsearch` container.
public enum ECKNodeConfigurationReader {
    /// Looks up one object of the same namespace by kind (`secret`, `configmap`) and name.
    public typealias ObjectLookup = (_ kind: String, _ name: String) -> JSONValue?

    public static func nodeConfiguration(elasticsearch: JSONValue, lookup: ObjectLookup) throws(NodeStartupError)
        -> LocalNodeConfiguration
    {
        var configuration = LocalNodeConfiguration()
        let spec = elasticsearch["spec"] ?? [:]
        for source in spec["secureSettings"]?.arrayValue ?? [] {
            guard let name = source["secretName"]?.stringValue else { continue }
            guard let secret = lookup("secret", name) else {
                throw NodeStartupError(reason: "secure settings secret [\(name)] referenced in spec.secureSettings was not found")
            }
            let data = secretData(secret)
            if let entries = source["entries"]?.arrayValue {
                for entry in entries {
                    guard let key = entry["key"]?.stringValue, let value = data[key] else { continue }
                    configuration.keystore.set(entry["path"]?.stringValue ?? key, to: Secret(String(decoding: value, as: UTF8.self)))
                }
            } else {
                for (key, value) in data {
                    configuration.keystore.set(key, to: Secret(String(decoding: value, as: UTF8.self)))
                }
            }
        }
        guard let nodeSet = spec["nodeSets"]?.arrayValue?.first else { return configuration }
        if let config = nodeSet["config"] {
            do {
                let flat = try SettingsFlattener.flatten(config, scope: .persistent)
                for (key, value) in flat { if let value { configuration.nodeSettings[key] = value } }
            } catch {
                throw NodeStartupError(reason: error.exception.reason)
            }
        }
        configuration.files = mountedFiles(podSpec: nodeSet[path: ["podTemplate", "spec"]] ?? [:], lookup: lookup)
        return configuration
    }

    /// The decoded `data` (base64 in a Secret, plain in a ConfigMap), `stringData` and `binaryData`.
    static func secretData(_ object: JSONValue, dataIsBase64: Bool = true) -> [String: Data] {
        var result: [String: Data] = [:]
        for (key, value) in object["data"]?.objectValue ?? [:] {
            guard let text = value.stringValue else { continue }
            if !dataIsBase64 {
                result[key] = Data(text.utf8)
            } else if let decoded = Data(base64Encoded: text) {
                result[key] = decoded
            }
        }
        for (key, value) in object["stringData"]?.objectValue ?? [:] {
            if let text = value.stringValue { result[key] = Data(text.utf8) }
        }
        for (key, value) in object["binaryData"]?.objectValue ?? [:] {
            if let text = value.stringValue, let decoded = Data(base64Encoded: text) { result[key] = decoded }
        }
        return result
    }

    /// Files from ConfigMap and Secret volumes mounted into the `elasticsearch` container.
    static func mountedFiles(podSpec: JSONValue, lookup: ObjectLookup) -> [String: Data] {
        let containers = podSpec["containers"]?.arrayValue ?? []
        guard let container = containers.first(where: { $0["name"]?.stringValue == "elasticsearch" }) else { return [:] }
        let volumes = podSpec["volumes"]?.arrayValue ?? []
        var files: [String: Data] = [:]
        for mount in container["volumeMounts"]?.arrayValue ?? [] {
            guard let name = mount["name"]?.stringValue, let mountPath = mount["mountPath"]?.stringValue,
                let volume = volumes.first(where: { $0["name"]?.stringValue == name })
            else { continue }
            let source: (kind: String, name: String, items: [JSONValue]?)?
            if let configMap = volume["configMap"], let objectName = configMap["name"]?.stringValue {
                source = ("configmap", objectName, configMap["items"]?.arrayValue)
            } else if let secret = volume["secret"], let objectName = secret["secretName"]?.stringValue {
                source = ("secret", objectName, secret["items"]?.arrayValue)
            } else {
                source = nil
            }
            guard let source, let object = lookup(source.kind, source.name) else { continue }
            let data = secretData(object, dataIsBase64: source.kind == "secret")
            let base = mountPath.hasSuffix("/") ? String(mountPath.dropLast()) : mountPath
            if let items = source.items {
                for item in items {
                    guard let key = item["key"]?.stringValue, let value = data[key] else { continue }
                    files[base + "/" + (item["path"]?.stringValue ?? key)] = value
                }
            } else {
                for (key, value) in data { files[base + "/" + key] = value }
            }
        }
        return files
    }
}

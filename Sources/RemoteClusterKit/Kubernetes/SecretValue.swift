import Foundation

/// One key of a Secret object as `kubectl get secret -o json` returns it (`data` is base64).
public enum SecretValue {
    /// The decoded bytes of `data.<key>`; `.notFound` when the key is missing.
    public static func bytes(of object: JSONValue, key: String, secret: String, in location: KubernetesLocation)
        throws(KubernetesError) -> [UInt8]
    {
        guard let encoded = object[path: ["data", key]]?.stringValue else {
            throw .notFound(kind: "Key \"\(key)\" of Secret", name: secret, location: location)
        }
        guard let data = Data(base64Encoded: encoded) else {
            throw .unreadableOutput("key \"\(key)\" of Secret \(secret) is not base64")
        }
        return Array(data)
    }
}

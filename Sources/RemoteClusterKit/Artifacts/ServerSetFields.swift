/// Removes the fields the API server sets on an object, so that `kubectl apply` of the result
/// changes only what the operator meant to change.
public enum ServerSetFields {
    /// The `metadata` members the API server owns.
    public static let metadataFields = [
        "resourceVersion", "generation", "managedFields", "uid", "creationTimestamp", "selfLink", "deletionTimestamp",
        "deletionGracePeriodSeconds",
    ]
    /// The annotation `kubectl apply` keeps its previous input in.
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// `object` without `status`, the server-owned metadata and the last-applied annotation.
    public static func strip(_ object: JSONValue) -> JSONValue {
        guard var members = object.objectValue else { return object }
        members.removeValue(forKey: "status")
        if var metadata = members["metadata"]?.objectValue {
            for field in metadataFields { metadata.removeValue(forKey: field) }
            if var annotations = metadata["annotations"]?.objectValue {
                annotations.removeValue(forKey: lastAppliedAnnotation)
                metadata["annotations"] = annotations.isEmpty ? nil : .object(annotations)
            }
            members["metadata"] = .object(metadata)
        }
        return .object(members)
    }
}

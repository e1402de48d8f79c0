extension Validators {
    /// The name of a Kubernetes object such as an `Elasticsearch` resource: a DNS subdomain
    /// (RFC 1123), so lower-case letters, digits, `-` and `.`, at most 253 characters.
    public static func kubernetesObjectName(_ value: String, field: String) -> [FieldProblem] {
        if value.isEmpty {
            return [
                FieldProblem(
                    field: field, problem: "is empty",
                    fix: "Type the resource's name as `kubectl get elasticsearch` lists it.")
            ]
        }
        guard !CoreObjectShapes.isDNSSubdomain(value) else { return [] }
        return [
            FieldProblem(
                field: field, problem: "\(TextExcerpt.quoted(value)) is not a valid Kubernetes object name",
                fix: "Use the resource's name as `kubectl get elasticsearch` lists it (lowercase letters, digits, '-')"
                    + lowerCaseHint(value, valid: CoreObjectShapes.isDNSSubdomain))
        ]
    }

    /// A Kubernetes namespace: a DNS label (RFC 1123), so lower-case letters, digits and `-`, at
    /// most 63 characters.
    public static func kubernetesNamespace(_ value: String, field: String) -> [FieldProblem] {
        if value.isEmpty {
            return [
                FieldProblem(
                    field: field, problem: "is empty", fix: "Type the namespace as `kubectl get namespaces` lists it.")
            ]
        }
        guard !CoreObjectShapes.isDNSLabel(value) else { return [] }
        return [
            FieldProblem(
                field: field, problem: "\(TextExcerpt.quoted(value)) is not a valid namespace name",
                fix: "Use the namespace as `kubectl get namespaces` lists it (lowercase letters, digits, '-')"
                    + lowerCaseHint(value, valid: CoreObjectShapes.isDNSLabel))
        ]
    }

    /// ", e.g. "logs"." when lower-casing the value makes it `valid`, else ".".
    private static func lowerCaseHint(_ value: String, valid: (String) -> Bool) -> String {
        let lowered = value.lowercased()
        guard lowered != value, valid(lowered) else { return "." }
        return ", e.g. \(TextExcerpt.quoted(lowered))."
    }
}

/// Renders a `StepPreview` as text: Dev Tools style requests, kubectl command lines with the
/// objects as YAML, probes, files and waits.
enum StepPreviewText {
    static func lines(for preview: StepPreview) -> [String] {
        var lines = preview.notes
        for action in preview.actions {
            if !lines.isEmpty { lines.append("") }
            lines += self.lines(for: action)
        }
        return lines
    }

    static func lines(for action: PlannedAction) -> [String] {
        switch action {
        case .http(let request, let target, let condition):
            return ["# \(target)" + (condition.map { ", only when \($0)" } ?? "")]
                + request.description.split(
                    separator: "\n", omittingEmptySubsequences: false
                ).map(String.init)
        case .kubernetes(let operation, let location, let condition):
            let prefix = "kubectl --context \(location.context) --namespace \(location.namespace)"
            let when = condition.map { ["# only when \($0)"] } ?? []
            switch operation {
            case .get(let kind, let name): return when + ["\(prefix) get \(kind) \(name) -o json"]
            case .apply(let objects):
                return when + ["\(prefix) apply -f - <<'EOF'"]
                    + objects.map { PreviewRedaction.object($0).yamlString() }.joined(separator: "---\n")
                    .split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast() + ["EOF"]
            case .mergePatch(let kind, let name, let patch):
                return when + ["\(prefix) patch \(kind) \(name) --type merge --patch-file /dev/stdin <<'EOF'"]
                    + PreviewRedaction.object(patch).yamlString().split(separator: "\n").map(String.init) + ["EOF"]
            case .delete(let kind, let name): return when + ["\(prefix) delete \(kind) \(name)"]
            case .readSecret(let name, let key):
                return when + [
                    "\(prefix) get secret \(name) -o go-template='{{index .data \"\(key)\" | base64decode}}'"
                ]
            }
        case .tlsProbe(let request):
            let name = request.serverName.map { ", server name \($0)" } ?? ""
            return [
                "# TLS handshake with \(request.address)\(name), trusting \(request.trust) (nothing is sent after it)"
            ]
        case .writeFile(let path, let text, let mode):
            return ["# write \(path) (mode \(String(mode, radix: 8)))"]
                + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        case .wait(let condition, let seconds):
            return ["# wait up to \(formatSeconds(seconds)) until \(condition)"]
        case .manual(let text):
            return ["# by hand: \(text)"]
        }
    }
}

/// Removes secret values from objects shown in previews.
enum PreviewRedaction {
    /// A Secret's `data`/`stringData` values replaced by `::redacted::` (placeholders, which
    /// start with `<`, stay).
    static func object(_ object: JSONValue) -> JSONValue {
        guard object["kind"]?.stringValue == "Secret" || object["stringData"] != nil || object["data"] != nil,
            object["kind"]?.stringValue != "ConfigMap"
        else { return object }
        var copy = object
        for member in ["data", "stringData"] {
            guard let values = object[member]?.objectValue else { continue }
            var redacted: JSONValue = [:]
            for (key, value) in values {
                let text = value.stringValue ?? ""
                redacted[key] =
                    text.hasPrefix("<") ? value : .string(Secret.redactedText)
            }
            copy[member] = redacted
        }
        return copy
    }
}

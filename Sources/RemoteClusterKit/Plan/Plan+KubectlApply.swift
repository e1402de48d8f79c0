extension Plan {
    /// Why the local objects of this plan cannot be applied with kubectl as they are generated,
    /// or nil when they can: the plan must ask for it (`local.applyManifests: kubectl`), and the
    /// credentials Secret must hold every key, not placeholders (so `includeSecrets`, and no key
    /// still to be created).
    public func kubectlApplyProblem(includeSecrets: Bool) -> FieldProblem? {
        guard local.applyManifests == .kubectl else {
            return FieldProblem(
                field: "local.applyManifests",
                problem: "is \(local.applyManifests.rawValue), so the plan does not apply manifests with kubectl",
                fix: "Set `applyManifests: kubectl` to apply them, or leave out --apply and use the written files.")
        }
        guard includeSecrets else {
            return FieldProblem(
                field: "--apply", problem: "needs --include-secrets",
                fix: "Without it the credentials Secret holds placeholders, and applying it would store them as keys.")
        }
        if let remote = remotes.first(where: { if case .create = $0.apiKey { return true } else { return false } }) {
            return FieldProblem(
                field: "\(remote.yamlPath).apiKey.create",
                problem: "the key for \(remote.alias) does not exist yet, so the Secret would hold a placeholder",
                fix:
                    "Run `remote-cluster-wizard apply --plan PLAN`, which creates the key and applies everything; or save the key's `encoded` value in a file and name it with `encodedFile`."
            )
        }
        return nil
    }
}

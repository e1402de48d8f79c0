import RemoteClusterKit

extension WizardContext {
    /// Names `path` as the remote's CA file. When it is another file than before, a CA an earlier
    /// step fetched (the ECK remote's, saved to the old file) is forgotten: the engine prefers a
    /// fetched CA, and the local cluster must trust the file the operator named, the one the
    /// preflight checked.
    public mutating func useCAFile(_ path: String) {
        guard path != answers.caFile else { return }
        answers.caFile = path
        guard var engine, engine.outputs[alias]?.certificateAuthorityPEM != nil else { return }
        engine.update(alias) { $0.certificateAuthorityPEM = nil }
        self.engine = engine
    }
}

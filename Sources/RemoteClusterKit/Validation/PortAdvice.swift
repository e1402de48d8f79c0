/// Warnings for ports that are almost certainly not the remote cluster server port.
enum PortAdvice {
    /// The port the remote cluster server listens on by default.
    static let remoteClusterServerPort = 9443

    /// A warning when `port` is a well-known Elasticsearch port other than 9443, or nil.
    static func warning(for address: ProxyAddress, field: String) -> FieldProblem? {
        let usage: String
        switch address.port {
        case 9200: usage = "the REST API (HTTP) port, which does not speak the transport protocol"
        case 9300: usage = "the transport port, which the API-key model does not use"
        case 9400:
            usage =
                "the Elastic Cloud proxy port shown in the console's Remote cluster parameters, meant for the certificate-based model"
        default: return nil
        }
        var fixed = address
        fixed.port = remoteClusterServerPort
        return FieldProblem(
            field: field, problem: "port \(address.port) is usually \(usage)",
            fix: "The API-key model connects to the remote cluster server port, normally 9443 (e.g. \(fixed)).",
            severity: .warning)
    }
}

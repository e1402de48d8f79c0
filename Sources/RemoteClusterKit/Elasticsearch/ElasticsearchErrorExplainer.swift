import Foundation

/// Turns an ``ElasticsearchError`` into one sentence: what happened and what to do.
enum ElasticsearchErrorExplainer {
    static func sentence(for error: ElasticsearchError) -> String {
        let status = "HTTP \(error.status)"
        let reasons = error.allReasons
        func reason(containing text: String) -> String? { reasons.first { $0.contains(text) } }

        guard error.type != nil || error.reason != nil else {
            let what = error.bodyExcerpt.map { " (\"\($0)\")" } ?? " with an empty body"
            return "\(error.operation) failed with \(status)\(what), which is not an Elasticsearch answer; "
                + "a proxy or load balancer in front of the cluster probably replied, so check that it can reach Elasticsearch and that the URL points at the cluster."
        }
        if error.hasType("no_such_remote_cluster_exception") || reason(containing: "no such remote cluster") != nil {
            let alias = reason(containing: "no such remote cluster").flatMap {
                bracketed(in: $0, after: "no such remote cluster: ")
            }
            let name = alias.map { "named \"\($0)\" " } ?? ""
            return
                "No remote cluster \(name)is configured on this cluster (\(status), no_such_remote_cluster_exception); check the alias spelling or add the remote first."
        }
        if let license = reason(containing: "current license is non-compliant for") {
            return
                "The cluster's license does not allow this (\(status): \(license)); API-key remote clusters need an Enterprise or trial license on both clusters."
        }
        if let keyType = reason(containing: "authentication expected API key type of") {
            return
                "The API key has the wrong type for this call (\(status): \(keyType)); a cross-cluster key only works between clusters, so sign in with a user or a REST API key."
        }
        if let apiKeyRefused = reason(containing: "authentication via API key not supported") {
            return
                "This call must be made by a user, not with an API key (\(status): \(apiKeyRefused)); sign in with a user name and password that has the manage_security privilege."
        }
        switch error.status {
        case 401:
            if reason(containing: "missing authentication credentials") != nil {
                return
                    "The cluster requires credentials and none were sent (\(status)); give a user name and password or an API key."
            }
            return
                "The cluster rejected the credentials (\(status): \(error.specificReason ?? "unauthenticated")); check the user name and password or the API key, and that the key has not expired or been invalidated."
        case 403:
            let detail = error.specificReason ?? "forbidden"
            if let privileges = reason(containing: "is granted by the").flatMap({
                bracketed(in: $0, after: "privileges ")
            }) {
                let action = reason(containing: "action [").flatMap { bracketed(in: $0, after: "action ") }
                let what = action.map { "run \($0)" } ?? "do this"
                return
                    "The user is not allowed to \(what) (\(status)); give it a role with one of the privileges \(privileges.replacingOccurrences(of: ",", with: ", "))."
            }
            return
                "The user is not allowed to do this (\(status): \(detail)); ask an administrator for the missing privilege."
        default:
            let type = error.type.map { ", \($0)" } ?? ""
            let detail = error.specificReason ?? "no reason given"
            return
                "Elasticsearch refused \(error.operation) (\(status)\(type)): \(detail.hasSuffix(".") ? String(detail.dropLast()) : detail)."
        }
    }

    /// The text inside the first `[...]` after `marker`.
    static func bracketed(in text: String, after marker: String) -> String? {
        guard let start = text.range(of: marker + "["),
            let end = text[start.upperBound...].firstIndex(of: "]")
        else { return nil }
        return String(text[start.upperBound..<end])
    }
}

import Foundation
import Testing
@testable import RemoteClusterKit

@Suite struct ErrorDecodingTests {
    /// Decodes `body` as the error answer to `operation`.
    func error(_ status: Int, _ body: String, operation: String = "GET /_remote/info", secrets: [Secret] = [])
        -> ElasticsearchError
    {
        ElasticsearchError(
            operation: operation, response: HTTPResponse(status: status, body: Data(body.utf8)), secrets: secrets)
    }

    /// Every error body in the reference folder decodes: type, reason, root causes and the status.
    @Test func decodesEveryReferenceErrorBody() throws {
        let files =
            try SharedReference.files(in: "errors").filter { $0.hasSuffix(".json") && !$0.hasSuffix("index.json") }
            + SharedReference.files(in: "errors/reconstructed")
        #expect(files.count == 11)
        for file in files {
            let json = try SharedReference.json(file)
            let status = try #require(json.integer("status"))
            let decoded = error(status, try SharedReference.text(file))
            #expect(decoded.status == status, "\(file)")
            #expect(decoded.type == json["error"]?.text("type"), "\(file)")
            #expect(decoded.reason == json["error"]?.text("reason"), "\(file)")
            #expect(
                decoded.rootCauses.map(\.type)
                    == (json["error"]?["root_cause"]?.arrayValue ?? []).compactMap { $0.text("type") }, "\(file)")
            #expect(decoded.description.hasSuffix("."), "\(file): \(decoded.description)")
            #expect(!decoded.description.contains("\n"), "\(file): one sentence")
        }
    }

    @Test func followsTheCausedByChain() throws {
        let decoded = error(
            400,
            try SharedReference.text("errors/es-docs-common-options.400-illegal_argument_exception.error_trace.json"),
            operation: "POST /_search")
        #expect(decoded.causedBy.map(\.type) == ["number_format_exception"])
        #expect(
            decoded.description
                == #"Elasticsearch refused POST /_search (HTTP 400, illegal_argument_exception): Failed to parse int parameter [size] with value [surprise_me] (caused by: For input string: "surprise_me")."#
        )
        #expect(decoded.rootCauses.first?.details.text("stack_trace")?.hasPrefix("Failed to parse") == true)
    }

    @Test func explainsMissingCredentials() throws {
        let decoded = error(
            401, try SharedReference.text("errors/reconstructed/401.missing-authentication-credentials.json"))
        #expect(
            decoded.description
                == "The cluster requires credentials and none were sent (HTTP 401); give a user name and password or an API key."
        )
        #expect(decoded.rootCauses.first?.details["header"]?.strings("WWW-Authenticate")?.last == "ApiKey")
    }

    @Test func explainsRejectedCredentials() throws {
        let decoded = error(401, try SharedReference.text("errors/reconstructed/401.api-key-not-accepted.json"))
        #expect(
            decoded.description.hasPrefix(
                "The cluster rejected the credentials (HTTP 401: unable to authenticate with provided credentials"))
        #expect(
            decoded.description.hasSuffix(
                "check the user name and password or the API key, and that the key has not expired or been invalidated."
            ))
    }

    @Test func explainsACrossClusterKeyUsedOnREST() {
        let decoded = error(
            401,
            #"{"error":{"root_cause":[{"type":"security_exception","reason":"authentication expected API key type of [rest], but API key [agZXJocBmA2beJfq2yKu] has type [cross_cluster]"}],"type":"security_exception","reason":"authentication expected API key type of [rest], but API key [agZXJocBmA2beJfq2yKu] has type [cross_cluster]"},"status":401}"#
        )
        #expect(decoded.description.hasPrefix("The API key has the wrong type for this call (HTTP 401"))
        #expect(decoded.description.contains("sign in with a user or a REST API key"))
    }

    @Test func explainsAMissingPrivilege() throws {
        let decoded = error(
            403, try SharedReference.text("errors/reconstructed/403.put-role-unauthorized.json"),
            operation: "PUT /_security/role/r")
        #expect(
            decoded.description
                == "The user is not allowed to run cluster:admin/xpack/security/role/put (HTTP 403); give it a role with one of the privileges manage_security, all."
        )
    }

    @Test func explainsAMissingRemoteIndicesPrivilege() {
        let reason =
            "action [indices:data/read/search] towards remote cluster [my_remote_cluster] is unauthorized for user [local_search_user] with effective roles [local_search] because no remote indices privileges apply for the target cluster"
        let decoded = error(403, #"{"error":{"type":"security_exception","reason":"\#(reason)"},"status":403}"#)
        #expect(
            decoded.description
                == "The user is not allowed to do this (HTTP 403: \(reason)); ask an administrator for the missing privilege."
        )
    }

    @Test func explainsTheLicense() {
        let decoded = error(
            403,
            #"{"error":{"root_cause":[{"type":"security_exception","reason":"current license is non-compliant for [advanced-remote-cluster-security]","license.expired.feature":"advanced-remote-cluster-security"}],"type":"security_exception","reason":"current license is non-compliant for [advanced-remote-cluster-security]"},"status":403}"#
        )
        #expect(
            decoded.description
                == "The cluster's license does not allow this (HTTP 403: current license is non-compliant for [advanced-remote-cluster-security]); API-key remote clusters need an Enterprise or trial license on both clusters."
        )
    }

    @Test func explainsAnUnknownRemote() {
        let decoded = error(
            404,
            #"{"error":{"root_cause":[{"type":"no_such_remote_cluster_exception","reason":"no such remote cluster: [centrl]"}],"type":"no_such_remote_cluster_exception","reason":"no such remote cluster: [centrl]"},"status":404}"#
        )
        #expect(decoded.hasType("no_such_remote_cluster_exception"))
        #expect(
            decoded.description
                == "No remote cluster named \"centrl\" is configured on this cluster (HTTP 404, no_such_remote_cluster_exception); check the alias spelling or add the remote first."
        )
    }

    @Test func explainsAnAPIKeyCredentialOnKeyCreation() throws {
        let decoded = error(
            400,
            try SharedReference.text(
                "errors/reconstructed/400.create-cross-cluster-api-key-with-api-key-credential.json"),
            operation: "POST /_security/cross_cluster/api_key")
        #expect(
            decoded.description.hasPrefix(
                "This call must be made by a user, not with an API key (HTTP 400: authentication via API key not supported: An API key cannot be used to create a cross-cluster API key)"
            ))
        let update = error(
            400,
            try SharedReference.text(
                "errors/reconstructed/400.update-cross-cluster-api-key-with-api-key-credential.json"))
        #expect(update.description.contains("manage_security"))
    }

    @Test func passesSettingsRejectionsThrough() throws {
        let decoded = error(
            400, try SharedReference.text("errors/reconstructed/400.remote-skip-unavailable-without-connection.json"),
            operation: "PUT /_cluster/settings")
        #expect(
            decoded.description
                == "Elasticsearch refused PUT /_cluster/settings (HTTP 400, illegal_argument_exception): Cannot configure setting [cluster.remote.remote1.skip_unavailable] if remote cluster is not enabled."
        )
    }

    @Test func explainsAProxysHTMLPage() {
        let html =
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        let decoded = error(502, html)
        #expect(decoded.type == nil && decoded.reason == nil)
        #expect(decoded.bodyExcerpt == "502 Bad Gateway")
        #expect(
            decoded.description.hasPrefix(
                #"GET /_remote/info failed with HTTP 502 ("502 Bad Gateway"), which is not an Elasticsearch answer;"#))
    }

    @Test func handlesPlainTextEmptyAndStringErrors() {
        #expect(
            error(503, "upstream connect error or disconnect/reset before headers").bodyExcerpt
                == "upstream connect error or disconnect/reset before headers")
        #expect(error(504, "").description.contains("with an empty body"))
        let routing = error(
            400, #"{"error":"no handler found for uri [/_remote/infox] and method [GET]","status":400}"#)
        #expect(routing.reason == "no handler found for uri [/_remote/infox] and method [GET]")
        #expect(
            routing.description
                == "Elasticsearch refused GET /_remote/info (HTTP 400): no handler found for uri [/_remote/infox] and method [GET]."
        )
        #expect(
            error(500, #"{"error":{"reason":null},"status":500}"#).description.hasSuffix(
                "(HTTP 500, unknown): no reason given."))
    }

    @Test func redactsSecrets() {
        let secret = Secret("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==")
        let body =
            #"{"error":{"type":"illegal_argument_exception","reason":"bad value [VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==]"},"status":400}"#
        let decoded = error(400, body, secrets: [secret])
        #expect(decoded.reason == "bad value [::redacted::]")
        #expect(!decoded.description.contains(secret.revealed))
        let html = error(
            502, "<title>token VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw== refused</title>",
            secrets: [secret])
        #expect(html.bodyExcerpt == "token ::redacted:: refused")
    }
}

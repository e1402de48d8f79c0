import Foundation
import RemoteClusterKit

/// `GET /_remote/info` bodies of any size, shaped like Elasticsearch's (serializer field order,
/// proxy and sniff aliases, connected and not, with and without API-key credentials).
public enum RemoteInfoFixtures {
    /// The body for `aliases` remotes named `remote-0000`, `remote-0001`, …
    public static func body(aliases: Int) -> Data {
        var text = "{"
        for index in 0..<aliases {
            if index > 0 { text += "," }
            text += "\"\(alias(index))\":" + object(index)
        }
        return Data((text + "}").utf8)
    }

    public static func alias(_ index: Int) -> String {
        "remote-" + String(repeating: "0", count: max(0, 4 - String(index).count)) + String(index)
    }

    /// Every 10th alias is in sniff mode, every 7th is down, every 3rd lacks API-key credentials.
    static func object(_ index: Int) -> String {
        let connected = index % 7 != 0
        let credentials = index % 3 != 0 ? ",\"cluster_credentials\":\"::es_redacted::\"" : ""
        if index % 10 == 9 {
            return """
                {"connected":\(connected),"mode":"sniff","seeds":["10.0.\(index / 250).\(index % 250):9300",\
                "10.1.\(index / 250).\(index % 250):9300"],"num_nodes_connected":\(connected ? 3 : 0),\
                "max_connections_per_cluster":3,"initial_connect_timeout":"30s","skip_unavailable":true\(credentials)}
                """
        }
        return """
            {"connected":\(connected),"mode":"proxy","proxy_address":"\(alias(index)).es.example.net:9443",\
            "server_name":"\(alias(index))-es-remote-cluster.default.svc",\
            "num_proxy_sockets_connected":\(connected ? 18 : 0),"max_proxy_socket_connections":18,\
            "initial_connect_timeout":"30s","skip_unavailable":\(index % 2 == 0)\(credentials)}
            """
    }
}

/// A transport that answers every request with the same body, so that a benchmark measures
/// decoding and nothing of the network.
public struct CannedTransport: HTTPTransport {
    public var body: Data

    public init(body: Data) { self.body = body }

    public func send(_ request: HTTPRequest, to endpoint: ClusterEndpoint) async throws(TransportError) -> HTTPResponse
    {
        HTTPResponse(status: 200, headers: [HTTPHeader("content-type", "application/json")], body: body)
    }
}

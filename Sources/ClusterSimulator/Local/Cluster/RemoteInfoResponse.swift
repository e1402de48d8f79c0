import OrderedCollections
import RemoteClusterKit

/// The body of `GET /_remote/info`, from what the connection manager really has, with the fields in
/// the order `RemoteConnectionInfo.toXContent` writes them.
enum RemoteInfoResponse {
    static func body(_ statuses: [RemoteConnectionStatus], initialConnectTimeout: String) -> JSONValue {
        var body = OrderedDictionary<String, JSONValue>()
        for status in statuses {
            let configuration = status.configuration
            var info: OrderedDictionary<String, JSONValue> = [
                "connected": .bool(status.connected), "mode": .string(configuration.mode.name),
            ]
            switch configuration.mode {
            case .proxy:
                info["proxy_address"] = .string(configuration.proxyAddress)
                info["server_name"] = .string(configuration.serverName)
                info["num_proxy_sockets_connected"] = .int(status.openConnections)
                info["max_proxy_socket_connections"] = .int(configuration.proxySocketConnections)
            case .sniff, .other:
                info["seeds"] = .array(configuration.seeds.map { .string($0) })
                info["num_nodes_connected"] = .int(status.openConnections)
                info["max_connections_per_cluster"] = .int(configuration.nodeConnections)
            }
            info["initial_connect_timeout"] = .string(initialConnectTimeout)
            info["skip_unavailable"] = .bool(configuration.skipUnavailable)
            if status.hasCredentials { info["cluster_credentials"] = "::es_redacted::" }
            body[configuration.alias] = .object(info)
        }
        return .object(body)
    }
}

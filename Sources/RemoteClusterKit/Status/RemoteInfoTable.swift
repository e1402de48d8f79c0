/// `GET /_remote/info` as a text table, one row per alias: alias, connected, mode, address,
/// server name, sockets (proxy) or nodes (sniff), and whether API-key credentials are present.
///
/// Pure formatting, shared by `status` and anything else that prints remotes as text.
public enum RemoteInfoTable {
    /// The column titles.
    public static let headers = ["ALIAS", "CONNECTED", "MODE", "ADDRESS", "SERVER NAME", "CONNECTIONS", "CREDENTIALS"]

    /// The header line and one line per remote, columns padded to their widest cell. With no
    /// remotes, one sentence saying so.
    public static func lines(for remotes: [RemoteInfo], symbols: StatusSymbols) -> [String] {
        guard !remotes.isEmpty else { return ["No remote clusters are configured on this cluster."] }
        let rows = [headers] + remotes.map { cells(for: $0, symbols: symbols) }
        let widths = headers.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.indices.map { column in
                column == row.count - 1
                    ? row[column] : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            .joined(separator: "  ")
            .trimmingTrailingSpaces
        }
    }

    /// One row's cells, in `headers` order.
    public static func cells(for remote: RemoteInfo, symbols: StatusSymbols) -> [String] {
        let connections = remote.connections
        let unit = remote.mode == .sniff ? "nodes" : "sockets"
        let count = connections.maximum.map { "\(connections.open)/\($0)" } ?? "\(connections.open)"
        return [
            remote.alias,
            remote.connected ? "\(symbols.ok) yes" : "\(symbols.failure) no",
            remote.mode.name,
            remote.addressSummary.isEmpty ? "-" : remote.addressSummary,
            remote.serverName ?? "-",
            "\(unit) \(count)",
            remote.hasClusterCredentials ? "API key" : "none",
        ]
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

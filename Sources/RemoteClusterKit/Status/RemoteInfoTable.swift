/// `GET /_remote/info` as a text table, one row per alias: alias, connected, mode, address,
/// server name, sockets (proxy) or nodes (sniff), and whether API-key credentials are present;
/// the wide form adds `skip_unavailable` and the initial connect timeout.
///
/// Fitting a narrower terminal (see `TextTable`): ADDRESS (to 16 characters) and SERVER NAME (to
/// 12) are shortened in the middle first, then MODE, CREDENTIALS, CONNECTIONS and SERVER NAME are
/// dropped in that order. ALIAS, CONNECTED and ADDRESS always stay. The wide form is never fitted.
///
/// Pure formatting, shared by `status` and anything else that prints remotes as text.
public enum RemoteInfoTable {
    /// The column titles of the normal form.
    public static let headers = ["ALIAS", "CONNECTED", "MODE", "ADDRESS", "SERVER NAME", "CONNECTIONS", "CREDENTIALS"]
    /// The titles the wide form adds.
    public static let wideHeaders = ["SKIP UNAVAILABLE", "CONNECT TIMEOUT"]

    /// How each column of the normal form gives way, in `headers` order.
    static let columns: [TextTable.Column] = [
        TextTable.Column("ALIAS"),
        TextTable.Column("CONNECTED"),
        TextTable.Column("MODE", dropRank: 1),
        TextTable.Column("ADDRESS", minimumWidth: 16, shortening: .middle),
        TextTable.Column("SERVER NAME", minimumWidth: 12, shortening: .middle, dropRank: 4),
        TextTable.Column("CONNECTIONS", dropRank: 3),
        TextTable.Column("CREDENTIALS", dropRank: 2),
    ]

    /// The header line and one line per remote. `width` is the terminal's (nil: no limit); `wide`
    /// adds the wide columns and shows every cell in full. With no remotes, one sentence saying so.
    public static func lines(for remotes: [RemoteInfo], symbols: StatusSymbols, width: Int? = nil, wide: Bool = false)
        -> [String]
    {
        guard !remotes.isEmpty else { return ["No remote clusters are configured on this cluster."] }
        let table = TextTable(
            columns: wide ? columns + wideHeaders.map { TextTable.Column($0) } : columns,
            rows: remotes.map { cells(for: $0, symbols: symbols) + (wide ? wideCells(for: $0) : []) },
            ellipsis: symbols.ellipsis)
        return table.lines(width: wide ? nil : width)
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

    /// The wide form's extra cells, in `wideHeaders` order.
    public static func wideCells(for remote: RemoteInfo) -> [String] {
        [remote.skipUnavailable.map { $0 ? "true" : "false" } ?? "-", remote.initialConnectTimeout ?? "-"]
    }
}

import RemoteClusterKit

/// What autoplay plays: the remote type's branch, an optional mistake, where to stop and hand over,
/// and the values it types (taken from the simulated clusters, as an operator would copy them).
public struct AutoplayPlan: Sendable, Hashable {
    public var type: RemoteClusterType
    public var fault: AutoplayFault?
    /// Autoplay hands control to the person when this screen is reached (nil: plays to the live status).
    public var stopAt: ScreenID?
    public var values: AutoplayValues

    public init(
        type: RemoteClusterType = .eck, fault: AutoplayFault? = nil, stopAt: ScreenID? = nil,
        values: AutoplayValues
    ) {
        self.type = type
        self.fault = fault
        self.stopAt = stopAt
        self.values = values
    }
}

/// The values autoplay types that the demo does not fill in: the remote cluster server's CA, and the
/// wrong values its mistakes use.
public struct AutoplayValues: Sendable, Hashable {
    /// The CA that signed the remote cluster server's certificate (what the CA file should be).
    public var remoteClusterCAFile: String
    /// The CA of the remote's REST API: the wrong CA for the remote cluster connection.
    public var restCAFile: String
    /// host:port of the remote's transport port: the wrong port for the proxy address.
    public var transportAddress: String
    /// A name the remote cluster server's certificate does not carry: its HTTP Service's name.
    public var wrongServerName: String
    /// The alias typed on the Add remote screen by the `no-credentials` mistake.
    public var otherAlias: String

    public init(
        remoteClusterCAFile: String, restCAFile: String, transportAddress: String, wrongServerName: String,
        otherAlias: String = "logs"
    ) {
        self.remoteClusterCAFile = remoteClusterCAFile
        self.restCAFile = restCAFile
        self.transportAddress = transportAddress
        self.wrongServerName = wrongServerName
        self.otherAlias = otherAlias
    }

    /// The values from the simulator's description (the JSON line `simulate` prints).
    public static func from(_ description: JSONValue) -> AutoplayValues {
        let remote = description["remote"] ?? [:]
        let name = remote[path: ["eck", "name"]]?.stringValue ?? "remote"
        let namespace = remote[path: ["eck", "namespace"]]?.stringValue ?? "default"
        return AutoplayValues(
            remoteClusterCAFile: remote["transport_ca"]?.stringValue ?? "",
            restCAFile: remote["ca"]?.stringValue ?? "",
            transportAddress: remote["transport_address"]?.stringValue ?? "",
            wrongServerName: "\(name)-es-http.\(namespace).svc")
    }
}

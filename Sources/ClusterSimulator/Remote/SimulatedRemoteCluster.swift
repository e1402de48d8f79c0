import Foundation
import RemoteClusterKit

/// A remote Elasticsearch cluster on loopback, as an ECK-managed cluster would present itself:
///
/// - the REST API over HTTPS (its own HTTP CA): `GET /`, `_license`, `_security/_authenticate`,
///   cross-cluster and REST API keys;
/// - the remote cluster server (the 9443 role), TLS with a certificate from the cluster's transport CA
///   for `remoteClusterServerNames`, speaking `RemoteClusterHandshake`; off until enabled when
///   `remoteClusterServerEnabled` is false;
/// - the transport port (the 9300 role), TLS from a different CA that requires a client certificate
///   from that CA (as transport TLS does by default), and refuses remote cluster handshakes;
/// - indices with documents (`IndexStore.seededRemoteIndices()` unless given), searchable over REST
///   and by a connected local cluster through the remote cluster server (`CrossClusterSearchWire`).
///
/// Faults from `faults` apply while it runs (see `SimulatorFault`).
public final class SimulatedRemoteCluster: Sendable {
    /// How to build the cluster.
    public struct Configuration: Sendable {
        public var name: String
        public var namespace: String
        public var version: String
        /// Names on the remote cluster server certificate; nil = the ECK service name, `localhost`, `127.0.0.1`.
        public var remoteClusterServerNames: [String]?
        /// Whether the remote cluster server listens from the start (ECK `spec.remoteClusterServer.enabled`).
        public var remoteClusterServerEnabled: Bool
        public var license: SimulatedLicense
        /// The `elastic` password; random when nil.
        public var elasticPassword: Secret?
        /// Where the CA files are written (created when missing).
        public var directory: String
        /// The indices the cluster holds.
        public var indices: [SimulatedIndex]

        public init(
            name: String = "remote", namespace: String = "default", version: String = "9.1.0",
            remoteClusterServerNames: [String]? = nil, remoteClusterServerEnabled: Bool = true,
            license: SimulatedLicense = .trial, elasticPassword: Secret? = nil, directory: String,
            indices: [SimulatedIndex] = IndexStore.seededRemoteIndices()
        ) {
            self.name = name
            self.namespace = namespace
            self.version = version
            self.remoteClusterServerNames = remoteClusterServerNames
            self.remoteClusterServerEnabled = remoteClusterServerEnabled
            self.license = license
            self.elasticPassword = elasticPassword
            self.directory = directory
            self.indices = indices
        }
    }

    /// The PEM files of the cluster's CAs.
    public struct Files: Sendable, Hashable {
        /// The CA of the HTTPS REST API.
        public var httpCA: String
        /// The CA that signs the remote cluster server certificate (ECK's `<name>-es-transport-certs-public` `ca.crt`).
        public var transportCA: String
        /// The CA of the transport (9300) port.
        public var internodeCA: String
    }

    private struct State {
        var rcsEnabled: Bool
        var license: SimulatedLicense
        var started = false
    }

    public let identity: SimulatedClusterIdentity
    public let elasticPassword: Secret
    /// A user without `manage_security`.
    public let limitedUser: SimulatedUser
    public let httpCA: GeneratedCA
    public let transportCA: GeneratedCA
    public let internodeCA: GeneratedCA
    public let apiKeys = APIKeyStore()
    public let authenticator: RESTAuthenticator
    /// The cluster's indices and documents.
    public let indices: IndexStore
    /// The native roles (`limited_role`, the role of `limitedUser`).
    public let roles: RoleStore
    public let faults: FaultSwitchboard
    public let files: Files
    /// The names on the remote cluster server certificate.
    public let remoteClusterServerNames: [String]

    private let state: LockedState<State>
    private let reconciliations = SerialQueue()
    private let rest: LoopbackTLSServer
    private let remoteClusterServer: LoopbackTLSServer
    private let transport: LoopbackTLSServer
    private let rcsCertificates: (valid: IssuedCertificate, wrongName: IssuedCertificate, expired: IssuedCertificate)

    public init(_ configuration: Configuration, faults: FaultSwitchboard = FaultSwitchboard()) throws {
        let identity = SimulatedClusterIdentity(
            name: configuration.name, namespace: configuration.namespace, version: configuration.version)
        self.identity = identity
        self.faults = faults
        elasticPassword = configuration.elasticPassword ?? Secret(APIKeyStore.randomToken(bytes: 12))
        limitedUser = .limited(password: Secret(APIKeyStore.randomToken(bytes: 12)))
        authenticator = RESTAuthenticator(users: [.elastic(password: elasticPassword), limitedUser], apiKeys: apiKeys)
        indices = IndexStore(configuration.indices)
        var roles = RoleStore()
        _ = try? roles.put(
            name: "limited_role", body: ["cluster": .array(limitedUser.clusterPrivileges.sorted().map { .string($0) })])
        self.roles = roles
        state = LockedState(State(rcsEnabled: configuration.remoteClusterServerEnabled, license: configuration.license))

        httpCA = try GeneratedCA(commonName: "\(identity.name)-http CA")
        transportCA = try GeneratedCA(commonName: "\(identity.name)-transport CA")
        internodeCA = try GeneratedCA(commonName: "Elastic Auto Transport CA")
        let directory = configuration.directory
        files = Files(
            httpCA: try httpCA.writeCertificate(to: directory, baseName: "\(identity.name)-http-ca"),
            transportCA: try transportCA.writeCertificate(to: directory, baseName: "\(identity.name)-transport-ca"),
            internodeCA: try internodeCA.writeCertificate(to: directory, baseName: "\(identity.name)-internode-ca"))

        let names =
            configuration.remoteClusterServerNames
            ?? [identity.remoteClusterServiceName, "localhost", "127.0.0.1"]
        remoteClusterServerNames = names
        let split = Self.split(names)
        rcsCertificates = (
            try transportCA.issue(commonName: identity.name, dnsNames: split.dns, ipAddresses: split.ips),
            try transportCA.issue(commonName: "other-cluster", dnsNames: ["other-cluster.example.com"]),
            try transportCA.issue(
                commonName: identity.name, dnsNames: split.dns, ipAddresses: split.ips,
                validity: .expired)
        )
        let httpCertificate = try httpCA.issue(
            commonName: identity.name, dnsNames: [identity.httpServiceName, "localhost"], ipAddresses: ["127.0.0.1"])
        let transportCertificate = try internodeCA.issue(
            commonName: identity.nodeName, dnsNames: [identity.transportServiceName, "localhost"],
            ipAddresses: ["127.0.0.1"])

        let licenseState = state
        let licenseNow: @Sendable () -> SimulatedLicense = { licenseState.current.license }
        var router = RESTRouter(authenticator: authenticator)
        CommonRoutes.add(to: &router, identity: identity) {
            faults.isOn(.basicLicense) ? .basic : licenseNow()
        }
        APIKeyRoutes(store: apiKeys, license: licenseNow, faults: faults).add(to: &router)
        RemoteSearchRoutes.add(to: &router, indices: indices, roles: roles, authenticator: authenticator)
        // Every node answers `_remote/info`; this cluster has no remote clusters of its own.
        router.add("GET", "/_remote/info") { request throws(ElasticsearchErrorResponse) in
            try request.principal?.require(
                action: "cluster:monitor/remote/info", privileges: ["monitor", "manage", "all"])
            return request.json(.object([:]))
        }
        let finalRouter = router
        rest = LoopbackTLSServer(
            security: .tls(httpCertificate),
            behavior: .http(FaultInjection.wrap({ await finalRouter.respond(to: $0) }, faults: faults)))
        let responder = RemoteClusterServerResponder(
            identity: identity, apiKeys: apiKeys, faults: faults, license: licenseNow, indices: indices)
        remoteClusterServer = LoopbackTLSServer(
            security: .tls(rcsCertificates.valid), behavior: .lines(responder.lineResponder))
        transport = LoopbackTLSServer(
            security: .mutualTLS(transportCertificate, clientCA: internodeCA),
            behavior: .lines(TransportPortResponder.lineResponder))
        faults.observe { [weak self] _ in try? await self?.reconcile() }
    }

    // MARK: lifecycle

    /// Tells `observer` of every REST request answered from now on (server name `remote`).
    public func observeRequests(_ observer: @escaping ServedRequestObserver) {
        rest.observeRequests(as: "remote", observer)
    }

    /// Binds all three ports (so they are known even while a part is off), then applies the faults.
    public func start() async throws {
        try await rest.start(port: 0)
        try remoteClusterServer.reservePort()
        try await transport.start(port: 0)
        state.withLock { $0.started = true }
        try await reconcile()
    }

    /// Closes every listener and connection.
    public func shutdown() async {
        state.withLock { $0.started = false }
        await rest.shutdown()
        await remoteClusterServer.shutdown()
        await transport.shutdown()
    }

    /// Brings the listeners in line with the enabled flag and the faults, one change at a time.
    private func reconcile() async throws {
        try await reconciliations.run { [self] in try await reconcileNow() }
    }

    private func reconcileNow() async throws {
        let current = state.current
        guard current.started else { return }
        let down = faults.isOn(.remoteDown)
        let rcsOn = !down && current.rcsEnabled && !faults.isOn(.remoteClusterServerOff)
        if faults.isOn(.certificateExpired) {
            remoteClusterServer.setSecurity(.tls(rcsCertificates.expired))
        } else if faults.isOn(.certificateWrongName) {
            remoteClusterServer.setSecurity(.tls(rcsCertificates.wrongName))
        } else {
            remoteClusterServer.setSecurity(.tls(rcsCertificates.valid))
        }
        try await setRunning(rest, !down)
        try await setRunning(transport, !down)
        try await setRunning(remoteClusterServer, rcsOn)
        // The proxy switching to (or back from) the second cluster ends the connections it carried.
        let twoClusters = faults.isOn(.twoClusters)
        let switched = proxyLeadsToSecondCluster.withLock { before -> Bool in
            let changed = before != twoClusters
            before = twoClusters
            return changed
        }
        if switched {
            await remoteClusterServer.dropConnections()
        }
    }

    /// Whether the last reconciliation saw the `two-clusters` fault on.
    private let proxyLeadsToSecondCluster = LockedState(false)

    private func setRunning(_ server: LoopbackTLSServer, _ running: Bool) async throws {
        if running && !server.isRunning {
            try await server.start()
        } else if !running && server.isRunning {
            await server.shutdown(keepingPort: true)
        }
    }

    // MARK: switches

    /// Turns the remote cluster server on or off (what ECK does after `spec.remoteClusterServer` changes).
    public func setRemoteClusterServerEnabled(_ enabled: Bool) async throws {
        state.withLock { $0.rcsEnabled = enabled }
        try await reconcile()
    }

    /// Whether the remote cluster server is enabled (it may still be stopped by a fault).
    public var isRemoteClusterServerEnabled: Bool { state.current.rcsEnabled }

    /// Changes the license.
    public func setLicense(_ license: SimulatedLicense) { state.withLock { $0.license = license } }

    /// The license in force (the `basic-license` fault overrides it).
    public var license: SimulatedLicense { faults.isOn(.basicLicense) ? .basic : state.current.license }

    // MARK: addresses

    public var restPort: Int { rest.port ?? 0 }
    public var remoteClusterServerPort: Int { remoteClusterServer.port ?? 0 }
    public var transportPort: Int { transport.port ?? 0 }
    /// `https://127.0.0.1:<rest port>`.
    public var restURL: String { "https://127.0.0.1:\(restPort)" }
    /// `127.0.0.1:<remote cluster server port>`, what `cluster.remote.<alias>.proxy_address` takes.
    public var proxyAddress: String { "127.0.0.1:\(remoteClusterServerPort)" }
    /// `127.0.0.1:<transport port>`, the wrong port for the API-key model.
    public var transportAddress: String { "127.0.0.1:\(transportPort)" }

    /// An endpoint for the REST API as `elastic`.
    public var adminEndpoint: ClusterEndpoint {
        ClusterEndpoint(
            baseURL: restURL, auth: .basic(user: "elastic", password: elasticPassword),
            trust: .caFile(files.httpCA))
    }

    /// How many remote cluster server connections are open (sockets of connected local clusters).
    public var openRemoteClusterConnections: Int { remoteClusterServer.openConnectionCount }

    /// The SNI names remote cluster server clients sent, in order.
    public var observedServerNames: [String?] { remoteClusterServer.observedServerNames }

    /// Closes every open remote cluster server connection (a network blip; the listener stays up).
    public func dropRemoteClusterConnections() async { await remoteClusterServer.dropConnections() }

    static func split(_ names: [String]) -> (dns: [String], ips: [String]) {
        var dns: [String] = []
        var ips: [String] = []
        for name in names {
            if (try? GeneratedCA.addressBytes(name)) != nil { ips.append(name) } else { dns.append(name) }
        }
        return (dns, ips)
    }
}

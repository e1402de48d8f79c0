import Foundation
import RemoteClusterKit

/// A failure the simulator can inject, by name (`simulate --faults remote-down,http-500`).
///
/// All of them act on the REMOTE cluster:
/// - `remote-down`: the REST, remote cluster server and transport ports refuse connections.
/// - `slow`: every REST response and handshake answer is delayed (`FaultSwitchboard.slowDelay`).
/// - `rcs-off`: the remote cluster server port refuses connections (not enabled).
/// - `cert-wrong-name`: the remote cluster server presents a certificate for other names.
/// - `cert-expired`: the remote cluster server presents an expired certificate.
/// - `key-invalidated` / `key-expired`: every cross-cluster key counts as invalidated / expired.
/// - `rest-key`: creating a cross-cluster key makes a REST key (the wrong type for remote access).
/// - `basic-license`: the license is Basic; cross-cluster keys and handshakes are refused.
/// - `http-500`: every REST request answers 500.
/// - `malformed-json`: every REST response body is cut-off JSON.
/// - `reset`: every REST response is cut off by a connection reset.
/// - `drop-on-search`: the network drops a remote cluster connection as soon as a search is sent on
///   it (an idle-timeout firewall); the local cluster reconnects afterwards.
/// - `two-clusters`: the proxy address now leads to a second cluster (`<name>-b`, with the same CA
///   and keys, as a copy restored from a snapshot would have); the remote's open connections close.
///   Switched on after a setup (`FaultSwitchboard.set`), the local cluster's new connections fail
///   its cluster-name check; on from the start, the remote only answers under the other name.
public enum SimulatorFault: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case remoteDown = "remote-down"
    case slowResponses = "slow"
    case remoteClusterServerOff = "rcs-off"
    case certificateWrongName = "cert-wrong-name"
    case certificateExpired = "cert-expired"
    case keyInvalidated = "key-invalidated"
    case keyExpired = "key-expired"
    case restKeyInsteadOfCrossCluster = "rest-key"
    case basicLicense = "basic-license"
    case http500 = "http-500"
    case malformedJSON = "malformed-json"
    case resetMidResponse = "reset"
    case dropOnSearch = "drop-on-search"
    case twoClusters = "two-clusters"

    public var description: String { rawValue }

    /// What the fault does, in one line.
    public var summary: String {
        switch self {
        case .remoteDown: return "the remote's REST, remote cluster server and transport ports refuse connections"
        case .slowResponses: return "every remote REST answer and handshake is delayed"
        case .remoteClusterServerOff: return "the remote cluster server port refuses connections"
        case .certificateWrongName: return "the remote cluster server presents a certificate for other names"
        case .certificateExpired: return "the remote cluster server presents an expired certificate"
        case .keyInvalidated: return "every cross-cluster API key counts as invalidated"
        case .keyExpired: return "every cross-cluster API key counts as expired"
        case .restKeyInsteadOfCrossCluster: return "creating a cross-cluster API key makes a REST key"
        case .basicLicense: return "the remote has a Basic license"
        case .http500: return "every remote REST request answers 500"
        case .malformedJSON: return "every remote REST body is cut-off JSON"
        case .resetMidResponse: return "every remote REST response is cut off by a connection reset"
        case .dropOnSearch: return "the network drops a remote cluster connection when a search is sent on it"
        case .twoClusters:
            return "the proxy address leads to a second cluster with another name (switched on after a setup, the local cluster's new connections fail its cluster-name check)"
        }
    }

    /// Parses a comma-separated list; an unknown name is an error naming the valid ones.
    public static func parseList(_ text: String) throws(FaultListError) -> Set<SimulatorFault> {
        var result: Set<SimulatorFault> = []
        for item in text.split(separator: ",") {
            let name = item.trimmingWhitespace()
            if name.isEmpty { continue }
            guard let fault = SimulatorFault(rawValue: name) else { throw FaultListError(unknown: name) }
            result.insert(fault)
        }
        return result
    }
}

/// An unknown fault name in `--faults`.
public struct FaultListError: Error, Sendable, Hashable, CustomStringConvertible {
    public var unknown: String
    public var description: String {
        let known = SimulatorFault.allCases.map(\.rawValue).joined(separator: ", ")
        return "--faults: \"\(unknown)\" is not a fault this simulator knows. Use a comma-separated list of: \(known)."
    }
}

/// The faults switched on right now, shared by every part of a simulated cluster. Safe from any thread.
public final class FaultSwitchboard: Sendable {
    private let state: LockedState<(active: Set<SimulatorFault>, slowDelay: Duration)>
    private let observers = LockedState<[@Sendable (Set<SimulatorFault>) async -> Void]>([])

    public init(_ faults: Set<SimulatorFault> = [], slowDelay: Duration = .seconds(3)) {
        state = LockedState((faults, slowDelay))
    }

    /// The active faults.
    public var active: Set<SimulatorFault> { state.current.active }

    public func isOn(_ fault: SimulatorFault) -> Bool { state.current.active.contains(fault) }

    /// How long `slow` delays each answer.
    public var slowDelay: Duration {
        get { state.current.slowDelay }
    }

    public func setSlowDelay(_ delay: Duration) { state.withLock { $0.slowDelay = delay } }

    /// Switches one fault on or off and lets the clusters react (e.g. stop a listener).
    public func set(_ fault: SimulatorFault, _ on: Bool) async {
        let changed = state.withLock { state -> Set<SimulatorFault>? in
            let before = state.active
            if on { state.active.insert(fault) } else { state.active.remove(fault) }
            return before == state.active ? nil : state.active
        }
        guard let changed else { return }
        for observer in observers.current { await observer(changed) }
    }

    /// Replaces the whole set.
    public func setAll(_ faults: Set<SimulatorFault>) async {
        state.withLock { $0.active = faults }
        for observer in observers.current { await observer(faults) }
    }

    /// Called (in order of registration) after every change.
    public func observe(_ observer: @escaping @Sendable (Set<SimulatorFault>) async -> Void) {
        observers.withLock { $0.append(observer) }
    }
}

import ClusterSimulator

/// Shell completion for `--faults`: the fault names, after the ones already typed in the
/// comma-separated list (`remote-down,sl` completes to `remote-down,slow`).
enum FaultCompletion {
    @Sendable static func candidates(_ arguments: [String], _ index: Int, _ prefix: String) -> [String] {
        let typed = prefix.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let done = typed.dropLast()
        let head = done.isEmpty ? "" : done.joined(separator: ",") + ","
        return SimulatorFault.allCases.map(\.rawValue).filter { !done.contains($0) }.map { head + $0 }
    }
}

/// The lines `simulate` reads on standard input while it runs, to switch faults without a restart
/// (for example `on key-invalidated` after a setup, to watch the live status diagnose it).
///
/// - `on NAME[,NAME…]` / `off NAME[,NAME…]`: switch faults on or off.
/// - `faults`: the faults that are on.
/// - `help`: these commands and the fault names.
///
/// An empty line does nothing; anything else is answered with what it should have been.
public enum FaultConsole {
    /// What was asked for, parsed from one line.
    public enum Command: Sendable, Hashable {
        case switchFaults(Set<SimulatorFault>, on: Bool)
        case list
        case help
        case nothing
        /// Not a command: the message to print.
        case invalid(String)

        public init(line: String) {
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let verb = words.first?.lowercased() else {
                self = .nothing
                return
            }
            switch verb {
            case "on", "off":
                guard words.count == 2 else {
                    self = .invalid("\"\(verb)\" takes the fault names, comma separated: \(verb) key-invalidated")
                    return
                }
                do throws(FaultListError) {
                    self = .switchFaults(try SimulatorFault.parseList(words[1]), on: verb == "on")
                } catch {
                    self = .invalid(error.description.replacingOccurrences(of: "--faults: ", with: ""))
                }
            case "faults" where words.count == 1: self = .list
            case "help" where words.count == 1: self = .help
            default:
                self = .invalid(
                    "\"\(words.joined(separator: " "))\" is not a command here. Type `on NAME`, `off NAME`, `faults` or `help`.")
            }
        }
    }

    /// Carries out one line on `switchboard`, calling `afterSwitch` once faults were switched;
    /// returns the lines to print.
    public static func handle(
        _ line: String, switchboard: FaultSwitchboard, afterSwitch: @Sendable () async -> Void = {}
    ) async -> [String] {
        switch Command(line: line) {
        case .nothing:
            return []
        case .invalid(let message):
            return [message]
        case .help:
            return
                [
                    "on NAME[,NAME...]   switch faults on", "off NAME[,NAME...]  switch faults off",
                    "faults              the faults that are on", "Faults:",
                ] + SimulatorFault.allCases.map { "  \($0.rawValue): \($0.summary)" }
        case .list:
            return [activeLine(switchboard)]
        case .switchFaults(let faults, let on):
            for fault in SimulatorFault.allCases where faults.contains(fault) { await switchboard.set(fault, on) }
            await afterSwitch()
            return [activeLine(switchboard)]
        }
    }

    static func activeLine(_ switchboard: FaultSwitchboard) -> String {
        let active = SimulatorFault.allCases.filter(switchboard.isOn).map(\.rawValue)
        return active.isEmpty ? "Faults on: none" : "Faults on: \(active.joined(separator: ", "))"
    }
}

import Foundation
import RemoteClusterKit

/// `status --watch`: fetch and print every 2 s until Ctrl-C, which ends it cleanly (exit 0).
///
/// With `--json` each refresh is one JSON object on one line (JSON Lines) and failures go to
/// standard error, so that standard output can be read by a program.
struct StatusWatch {
    let check: RemoteStatusCheck
    let render: @Sendable ([RemoteStatus]) -> [String]
    /// JSON Lines output: no header, no screen clearing, failures on standard error.
    var jsonLines = false
    var interval: Duration = .seconds(2)

    func run(output: CommandOutput) async {
        InterruptFlag.install()
        let loop = Task { await refreshUntilCancelled(output: output) }
        // The signal handler only sets a flag; this turns it into a cancellation.
        while !InterruptFlag.isSet {
            try? await Task.sleep(for: .milliseconds(100))
        }
        loop.cancel()
        await loop.value
        if !jsonLines { output.print("") }
    }

    private func refreshUntilCancelled(output: CommandOutput) async {
        let clearScreen = isatty(STDOUT_FILENO) == 1 ? "\u{1B}[H\u{1B}[2J" : ""
        let clock = DateFormatter()
        clock.dateFormat = "HH:mm:ss"
        while !Task.isCancelled {
            if jsonLines {
                do {
                    for line in render(try await check.run()) { output.print(line) }
                } catch {
                    if Task.isCancelled { return }
                    output.error("Error: \(error)")
                }
                do { try await Task.sleep(for: interval) } catch { return }
                continue
            }
            var lines = ["Every 2 s, updated \(clock.string(from: Date())). Ctrl-C to stop."]
            do {
                lines += render(try await check.run())
            } catch {
                if Task.isCancelled { return }
                lines.append("Error: \(error)")
            }
            output.control(clearScreen)
            for line in lines { output.print(line) }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}

/// Records SIGINT (Ctrl-C) in a flag instead of ending the process.
///
/// A handler is installed even when the shell started the process with SIGINT ignored (as it
/// does for background jobs), so that `kill -INT` always ends a watch cleanly.
enum InterruptFlag {
    nonisolated(unsafe) private static var received: sig_atomic_t = 0

    static var isSet: Bool { received != 0 }

    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in InterruptFlag.received = 1 }
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, nil)
    }
}

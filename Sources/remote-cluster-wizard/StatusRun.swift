import Foundation
import RemoteClusterKit

/// `status` with its input checked: the requests, the output and the exit status.
struct StatusRun: Sendable {
    let settings: StatusSettings
    let check: RemoteStatusCheck
    let symbols: StatusSymbols
    let output: CommandOutput

    /// Asks the cluster (once, or until Ctrl-C with `--watch`), prints, and returns the exit
    /// status: 0 when every remote shown is connected, 1 when one is not or the cluster could
    /// not be asked; 0 after Ctrl-C ends a watch.
    func run() async -> Int32 {
        if settings.watch {
            await StatusWatch(
                check: check, render: { settings.render($0, symbols: symbols, stream: true) },
                structured: DocumentPrinter(format: settings.format).isStructured
            ).run(output: output)
            return 0
        }
        let statuses: [RemoteStatus]
        do {
            statuses = try await check.run()
        } catch {
            output.error(error.description)
            return 1
        }
        for line in settings.render(statuses, symbols: symbols) { output.print(line) }
        return statuses.allSatisfy(\.isConnected) ? 0 : 1
    }

    /// Runs, then ends the process from the thread that printed, with the exit status.
    ///
    /// The scripted command lines end this way, the quickest: a normal exit would first go back
    /// to the main thread (a thread switch, which on a busy machine waits for a core) and then run
    /// the exit handlers and the libraries' destructors, none of which has anything to save.
    /// Everything printed has been written by then (CommandOutput and the log file write straight
    /// to their files); standard C output is flushed first all the same.
    func runThenExit() async -> Never {
        let status = await run()
        fflush(nil)
        _exit(status)
    }
}

import Foundation
import RemoteClusterKit

/// `status --watch`: fetch and print every 2 s until Ctrl-C, which ends it cleanly.
struct StatusWatch {
    let client: ElasticsearchClient
    let render: @Sendable ([RemoteInfo]) -> [String]
    var interval: Duration = .seconds(2)

    func run(output: CommandOutput) async {
        let loop = Task { await refreshUntilCancelled(output: output) }
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { loop.cancel() }
        interrupt.resume()
        await loop.value
        interrupt.cancel()
        output.print("")
    }

    private func refreshUntilCancelled(output: CommandOutput) async {
        let clearScreen = isatty(STDOUT_FILENO) == 1 ? "\u{1B}[H\u{1B}[2J" : ""
        while !Task.isCancelled {
            let time = Date().formatted(date: .omitted, time: .standard)
            var lines = ["\(clearScreen)Every 2 s, updated \(time). Ctrl-C to stop."]
            do {
                lines += render(try await client.remoteInfo())
            } catch {
                if Task.isCancelled { return }
                lines.append("Error: \(error)")
            }
            for line in lines { output.print(line) }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}

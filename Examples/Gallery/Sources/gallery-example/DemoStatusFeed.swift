import Foundation
import Synchronization
import Gallery
import WizardCore

/// Made-up remote-cluster status for the gallery's live table: socket counts that move, and every
/// seventh request failing so the stale marker and the back-off can be seen.
final class DemoStatusFeed: Sendable {
    private let requests = Mutex(0)
    private let latency: Duration

    init(latency: Duration = .milliseconds(300)) { self.latency = latency }

    func fetch(glyphs: Glyphs) async -> GalleryReply {
        let count = requests.withLock { value in
            value += 1
            return value
        }
        try? await Task.sleep(for: latency)
        if count % 7 == 0 { return .failed("GET /_remote/info timed out after 2 s (simulated)") }
        return .status(rows(request: count, glyphs: glyphs))
    }

    func rows(request: Int, glyphs: Glyphs) -> [LiveTable.Row] {
        let sockets = 16 + request % 3
        return [
            LiveTable.Row(
                ["logs", "\(glyphs.connected) connected", "proxy", "lb.example.net:9443", "\(sockets)/18"],
                style: .success),
            LiveTable.Row(
                ["metrics", "\(glyphs.connected) connected", "sniff", "10.1.0.4:9300", "3/3"], style: .success),
            LiveTable.Row(
                ["archive", "\(glyphs.disconnected) not connected", "proxy", "archive.example.net:9443", "0/18"],
                style: .failure),
        ]
    }
}

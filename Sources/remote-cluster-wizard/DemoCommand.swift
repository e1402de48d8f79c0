import ArgumentParser
import Foundation
import WizardCore
import WizardTerminal

/// `remote-cluster-wizard demo`: a gallery of the terminal UI framework.
struct DemoCommand: AsyncParsableCommand, ManualCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Show the terminal UI gallery: choice list, form with validation, YAML viewer, live table.",
        discussion: manual.discussion
    )

    static let manual = CommandManual(
        description: """
            Nothing is changed anywhere; the live table is fed by made-up data. Without a terminal (or with --plain or TERM=dumb) the same steps run as line prompts. q asks before quitting.
            """,
        examples: [
            CommandManual.Example("The full-screen interface", "remote-cluster-wizard demo"),
            CommandManual.Example(
                "Line prompts, ASCII only (for a serial console or a log)", "remote-cluster-wizard demo --plain --ascii"
            ),
        ],
        exitStatus: [(0, "finished or quit"), (1, "the terminal could not be used"), CommandManual.badInput])

    @Flag(help: "Use line prompts instead of the full-screen interface.")
    var plain = false

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    func run() async throws {
        // The run loop belongs on the main thread (signals, terminal state); the main actor runs there.
        let plain = self.plain
        let ascii = self.ascii
        try await MainActor.run { try Self.show(plain: plain, ascii: ascii) }
    }

    @MainActor
    private static func show(plain: Bool, ascii: Bool) throws {
        let feed = DemoStatusFeed()
        // The same marks as the screen: ASCII when asked for or when the locale is not UTF-8.
        let glyphs: Glyphs = ascii ? .ascii : LocaleGlyphs.current()
        if plain || !NcursesTerminal.isUsable {
            runPlain(feed: feed, glyphs: glyphs)
            return
        }
        let jobs = BackgroundJobRunner<GalleryJob, GalleryReply> { job in
            switch job {
            case .fetchStatus: return feed.fetch(glyphs: glyphs)
            }
        }
        try TerminalSession.run(Gallery(), jobs: jobs, glyphs: glyphs)
    }

    private static func runPlain(feed: DemoStatusFeed, glyphs: Glyphs) {
        var wizard = Gallery.plainWizard()
        let prompter = PlainPrompter.standard(glyphs: glyphs)
        let outcome = prompter.run(&wizard) { step, answers in
            let rows = step.id == "live" ? feed.rows(request: 1, glyphs: glyphs) : []
            prompter.write(Gallery.plainText(for: step, answers: answers, rows: rows))
        }
        prompter.write(
            outcome == .finished ? "\nDone. Nothing was changed.\n" : "\nInput ended; nothing was changed.\n")
    }
}

import Foundation
import Gallery
import WizardCore
import WizardTerminal

// The widget gallery: every kind of field, a document viewer and a live table fed by made-up data.
// An example of the UI framework, not part of the product (`remote-cluster-wizard demo` runs the wizard).
// `--plain` (or no terminal) runs the same steps as line prompts; `--ascii` draws without Unicode.

extension Gallery: PlainPresentable {}

let arguments = CommandLine.arguments.dropFirst()
let glyphs: Glyphs = arguments.contains("--ascii") ? .ascii : LocaleGlyphs.current()
let feed = DemoStatusFeed()
let jobs = AsyncJobRunner<GalleryJob, GalleryReply> { job, _ in
    switch job {
    case .fetchStatus: return await feed.fetch(glyphs: glyphs)
    }
}

MainActor.assumeIsolated {
    if arguments.contains("--plain") || !NcursesTerminal.isUsable {
        let session = PlainSession(
            program: Gallery(), io: .standard(glyphs: glyphs), files: LocalFileSystem(), jobs: jobs)
        let outcome = session.run()
        print(outcome == .finished ? "\nDone. Nothing was changed." : "\nInput ended; nothing was changed.")
    } else {
        do {
            try TerminalSession.run(Gallery(), jobs: jobs, glyphs: glyphs)
        } catch {
            FileHandle.standardError.write(Data("gallery-example: \(error)\n".utf8))
            exit(1)
        }
    }
}

import Testing
import WizardCore
import WizardTestSupport

@testable import Gallery

/// Update tests (exact effects) and whole-screen snapshots of the widget gallery example.
@Suite("Gallery")
struct GalleryTests {
    static let rows = [
        LiveTable.Row(["logs", "● connected", "proxy", "lb.example.net:9443", "18/18"], style: .success),
        LiveTable.Row(["archive", "○ not connected", "proxy", "archive.example.net:9443", "0/18"], style: .failure),
    ]

    /// The gallery on the form step (ECH chosen).
    func onForm() -> Gallery {
        var gallery = Gallery()
        gallery.press(.enter)
        return gallery
    }

    /// The gallery on the live step with data.
    func onLive() -> (Gallery, [Effect<GalleryJob>]) {
        var gallery = onForm()
        gallery.type("logs")
        gallery.press(.enter)
        gallery.type("lb.example.net:9443")
        gallery.press(.enter, .enter)
        gallery.press(.paste("aWQxOmtleTE="))
        gallery.press(.enter, .enter, .enter, .enter, .enter)
        let effects = gallery.press(.enter)
        return (gallery, effects)
    }

    @Test func firstScreenIsTheRemoteTypeList() {
        let gallery = Gallery()
        #expect(gallery.wizard.currentStep.id == "remote-type")
        let screen = render(gallery, width: 80, height: 24)
        #expect(
            screen.text(row: 3) == "│ Where does the remote cluster run?                                           │")
        #expect(screen.text(row: 4).hasPrefix("│   › Elastic Cloud Hosted (ECH)"))
        assertSnapshot(screen, named: "remote-type-80x24")
        assertSnapshot(render(gallery, width: 120, height: 40), named: "remote-type-120x40")
        assertSnapshot(
            render(gallery, width: 80, height: 24, theme: Theme(glyphs: .ascii, colors: false)),
            named: "remote-type-ascii-80x24")
    }

    @Test func eckShowsItsOwnStepAndOthersSkipIt() {
        var gallery = Gallery()
        #expect(gallery.press(.down, .down, .enter) == [])
        #expect(gallery.wizard.currentStep.id == "eck-remote")
        #expect(gallery.wizard.progress == StepProgress(2, of: 5))
        gallery.press(.escape, .up, .enter)
        #expect(gallery.wizard.currentStep.id == "form")
        #expect(gallery.wizard.progress == StepProgress(2, of: 4))
    }

    @Test func formBlocksNextWithMessagesUnderTheFields() {
        var gallery = onForm()
        for _ in 0..<7 { gallery.press(.enter) }
        #expect(gallery.wizard.currentStep.focus == 7)
        gallery.press(.enter)
        #expect(gallery.wizard.currentStep.id == "form")
        #expect(gallery.wizard.currentStep.focus == 0)
        #expect(gallery.banner != nil)
        assertSnapshot(render(gallery, width: 80, height: 24), named: "form-errors-80x24")
        assertSnapshot(render(gallery, width: 120, height: 40), named: "form-errors-120x40")
    }

    @Test func pathFieldCtrlTAsksForAListing() {
        var gallery = onForm()
        gallery.press(.enter, .enter, .enter, .enter)
        #expect(gallery.wizard.currentStep.focusedField?.id == "caFile")
        gallery.type("certs/c")
        let effects = gallery.press(PathField.completionKey)
        #expect(effects == [.listDirectory(path: "certs/", token: Token(1))])
        let more = gallery.update(
            .directoryListed(
                path: "certs/", token: Token(1),
                result: .success([
                    DirectoryEntry(name: "ca.crt", isDirectory: false)
                ])))
        #expect(more == [.describeFile(path: "certs/ca.crt", token: Token(2))])
        _ = gallery.update(.fileDescribed(path: "certs/ca.crt", token: Token(2), description: "PEM: 1 certificate"))
        assertSnapshot(render(gallery, width: 80, height: 24), named: "form-path-hint-80x24")
    }

    @Test func viewerSavesThroughAnEffect() {
        var gallery = onForm()
        gallery.type("logs")
        gallery.press(.enter)
        gallery.type("lb.example.net:9443")
        gallery.press(.enter, .enter, .paste("aWQxOmtleTE="), .enter, .enter, .enter, .enter, .enter)
        #expect(gallery.wizard.currentStep.id == "viewer")
        assertSnapshot(render(gallery, width: 80, height: 24), named: "viewer-80x24")
        gallery.press(.pageDown)
        assertSnapshot(render(gallery, width: 120, height: 40), named: "viewer-scrolled-120x40")
        gallery.press(.character("s"), .control("u"))
        gallery.type("out.yaml")
        let effects = gallery.press(.enter)
        #expect(effects == [.saveFile(path: "out.yaml", contents: gallery.viewer.text, secret: false, token: Token(1))])
        _ = gallery.update(.fileSaved(path: "out.yaml", token: Token(1), result: .success(())))
        #expect(gallery.viewer.status == StatusLine("Saved to out.yaml", ok: true))
        #expect(gallery.viewer.text.contains("cluster.remote.logs.proxy_address: lb.example.net:9443"))
    }

    @Test func liveTablePollsWithOneRequestInFlight() {
        var (gallery, effects) = onLive()
        #expect(gallery.wizard.currentStep.id == "live")
        #expect(
            effects == [
                .run(.fetchStatus, token: Token(1)), .startTimer(id: "clock", token: Token(2), afterMilliseconds: 250),
            ])
        // The clock timer keeps itself going; a stale poll tick does nothing.
        #expect(
            gallery.update(.timer(id: "clock", token: Token(2), now: Moment(milliseconds: 250)))
                == [.startTimer(id: "clock", token: Token(3), afterMilliseconds: 250)])
        #expect(gallery.update(.timer(id: "poll", token: Token(77), now: Moment(milliseconds: 260))) == [])
        #expect(
            gallery.update(.jobFinished(token: Token(1), reply: .status(Self.rows), now: Moment(milliseconds: 300)))
                == [.startTimer(id: "poll", token: Token(4), afterMilliseconds: 1000)])
        #expect(
            gallery.update(.timer(id: "poll", token: Token(4), now: Moment(milliseconds: 1300)))
                == [.run(.fetchStatus, token: Token(5))])
        // r while in flight: nothing new now, a fetch right after the answer.
        #expect(gallery.press(.character("r")) == [])
        #expect(
            gallery.update(.jobFinished(token: Token(5), reply: .failed("timed out"), now: Moment(milliseconds: 1400)))
                == [.run(.fetchStatus, token: Token(6))])
        assertSnapshot(render(gallery, width: 80, height: 24), named: "live-stale-80x24")
        #expect(
            gallery.update(.jobFinished(token: Token(6), reply: .status(Self.rows), now: Moment(milliseconds: 1500)))
                == [.startTimer(id: "poll", token: Token(7), afterMilliseconds: 1000)])
        _ = gallery.update(.timer(id: "clock", token: Token(3), now: Moment(milliseconds: 1900)))
        assertSnapshot(render(gallery, width: 80, height: 24), named: "live-80x24")
        assertSnapshot(render(gallery, width: 120, height: 40), named: "live-120x40")
        // Pause drops the pending timer; leaving the step pauses too.
        #expect(gallery.press(.character("p")) == [])
        #expect(gallery.update(.timer(id: "poll", token: Token(7), now: Moment(milliseconds: 2500))) == [])
        #expect(gallery.press(.character("p")) == [.run(.fetchStatus, token: Token(9))])
    }

    @Test func aFailedSaveWrapsItsMessageAndTheEndStaysReachable() {
        var gallery = onForm()
        gallery.type("logs")
        gallery.press(.enter)
        gallery.type("lb.example.net:9443")
        gallery.press(.enter, .enter, .paste("aWQxOmtleTE="), .enter, .enter, .enter, .enter, .enter)
        _ = gallery.update(.resize(Size(width: 80, height: 24)))
        gallery.press(.character("s"), .control("u"))
        gallery.type("/nonexistent/dir/out.yaml")
        gallery.press(.enter)
        let reason = "the directory /nonexistent/dir does not exist. Create it or choose another path"
        _ = gallery.update(
            .fileSaved(path: "/nonexistent/dir/out.yaml", token: Token(1), result: .failure(FileAccessError(reason))))
        gallery.press(.end)
        let screen = render(gallery, width: 80, height: 24)
        #expect(
            screen.text(row: 19) == "│ ✗ Could not save to /nonexistent/dir/out.yaml: the directory                 │")
        #expect(
            screen.text(row: 20) == "│   /nonexistent/dir does not exist. Create it or choose another path          │")
        // The box is a row shorter, and End still shows the document's last line above its border.
        #expect(screen.text(row: 17).contains("cluster.remote.logs.node_connections: null"))
        #expect(screen.text(row: 18).contains("/46 ▲"))
    }

    @Test func theViewerPansAlongLinesWiderThanItsBox() {
        var gallery = onForm()
        _ = gallery.update(.resize(Size(width: 100, height: 30)))
        gallery.type("logs")
        gallery.press(.enter)
        gallery.type("lb.example.net:9443")
        gallery.press(.enter, .enter, .paste("aWQxOmtleTE="), .enter, .enter, .enter, .enter, .enter)
        #expect(gallery.wizard.currentStep.id == "viewer")
        #expect(gallery.viewer.canPan)
        #expect(gallery.frame.keys.first == KeyHint("↑↓←→ PgUp PgDn", "scroll"))
        var screen = render(gallery, width: 100, height: 30)
        #expect(
            screen.text(row: 4).hasSuffix(
                "│ │ # Objects for the local ECK cluster \"central\" in namespace \"searc… │ │"))
        #expect(gallery.press(.left) == [])
        #expect(gallery.viewer.left == 0)
        gallery.press(.right)
        screen = render(gallery, width: 100, height: 30)
        #expect(
            screen.text(row: 4).hasSuffix(
                "│ │ …bjects for the local ECK cluster \"central\" in namespace \"search\". │ │"))
        // At most until the end of the widest line shows; ← comes back.
        gallery.press(.right, .right, .right)
        #expect(gallery.viewer.left == 3)
        gallery.press(.left)
        #expect(gallery.viewer.left == 0)
    }

    @Test func theFooterListsTheDialogKeysWhileItIsOpen() {
        var gallery = Gallery()
        gallery.press(.character("q"))
        #expect(
            gallery.frame.keys == [
                KeyHint("←→", "choose"), KeyHint("Enter", "select"), KeyHint("y", "quit"), KeyHint("n/Esc", "stay"),
            ])
        gallery.press(.escape)
        #expect(gallery.frame.keys.last == KeyHint("q", "quit"))
    }

    @Test func quitAsksFirst() {
        var gallery = Gallery()
        #expect(gallery.press(.character("q")) == [])
        #expect(gallery.dialog != nil)
        assertSnapshot(render(gallery, width: 80, height: 24), named: "quit-dialog-80x24")
        #expect(gallery.press(.enter) == [])
        #expect(gallery.dialog == nil)
        #expect(gallery.press(.character("q"), .character("q")) == [.quit])
    }

    @Test func qTypesIntoTextFieldsAndCtrlCAsks() {
        var gallery = onForm()
        gallery.press(.character("q"))
        #expect(gallery.dialog == nil)
        #expect(gallery.wizard.answers.text("alias") == "q")
        gallery.press(.control("c"))
        #expect(gallery.dialog != nil)
    }

    @Test func tooSmallTerminalGetsAClearMessage() {
        let screen = render(Gallery(), width: 40, height: 12)
        assertSnapshot(screen, named: "too-small-40x12")
        #expect(screen.text.contains("Terminal too small: 40x12."))
        #expect(render(Gallery(), width: 60, height: 18).text.contains("Where does the remote cluster run?"))
    }

    @Test func belowTheMinimumKeysChangeNothingAndQQuits() {
        var gallery = onForm()
        _ = gallery.update(.resize(Size(width: 40, height: 12)))
        #expect(gallery.press(.character("x"), .enter, .escape) == [])
        #expect(gallery.wizard.answers.text("alias") == "")
        #expect(gallery.wizard.currentStep.id == "form")
        #expect(gallery.press(.character("q")) == [.quit])
        #expect(gallery.press(.control("c")) == [.quit])
    }
}

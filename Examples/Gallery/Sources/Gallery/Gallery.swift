import RemoteClusterKit
import WizardCore

/// Background work the gallery asks for: one status request for the live table.
public enum GalleryJob: Sendable, Hashable {
    case fetchStatus
}

/// Results of the gallery's background work.
public enum GalleryReply: Sendable, Hashable {
    case status([LiveTable.Row])
    case failed(String)
}

/// The framework gallery behind `remote-cluster-wizard demo`: the remote-type list, a form with every
/// field kind and its validation, a long YAML document in a viewer, and a live table fed by a timer.
/// q (or Ctrl-C) asks before quitting.
public struct Gallery: TerminalProgram {
    public typealias Job = GalleryJob
    public typealias Reply = GalleryReply

    public private(set) var wizard: Wizard
    public private(set) var viewer: TextViewer
    public private(set) var table: LiveTable
    public private(set) var poll: LivePollSchedule
    public private(set) var tokens = TokenSource()
    public private(set) var now = Moment.zero
    /// The question on top of the screen, if any.
    public private(set) var dialog: ModalDialog?
    /// Shown above the form when Next was refused.
    public private(set) var banner: ErrorBanner?
    /// The terminal size, from resize events (the loop sends one at start).
    public private(set) var size = Size(width: 80, height: 24)
    /// The token of the screen clock that keeps "updated … ago" and the spinner moving.
    private var clockTimer: Token?
    /// When the request in flight started, for the spinner.
    private var fetchStarted: Moment?

    static let pollTimer = "poll"
    static let clockTimerID = "clock"

    public init() {
        wizard = Wizard(steps: GallerySteps.all())
        viewer = TextViewer(title: "manifests.yaml", text: "", kind: .yaml, suggestedFileName: "manifests.yaml")
        table = LiveTable(
            columns: [
                .init("Alias", width: .fixed(12)), .init("Status", width: .fixed(16)), .init("Mode", width: .fixed(7)),
                .init("Address", width: .fill(min: 10)), .init("Sockets", width: .fixed(8)),
            ], intervalMilliseconds: 1000, staleAfterMilliseconds: 4000)
        poll = LivePollSchedule(timerID: Self.pollTimer, intervalMilliseconds: 1000, maximumBackoffMilliseconds: 8000)
        if let body = Frame.bodyRect(in: size, withRail: true) { wizard.fitFields(toBodyWidth: body.width) }
    }

    public mutating func start(now: Moment) -> [Effect<Job>] {
        self.now = now
        return []
    }

    // MARK: Update

    public mutating func update(_ event: Event<Reply>) -> [Effect<Job>] {
        switch event {
        case .key(let key):
            return handle(key)
        case .resize(let size):
            self.size = size
            viewer.setViewport(viewerRows, width: viewerWidth)
            if let body = Frame.bodyRect(in: size, withRail: true) { wizard.fitFields(toBodyWidth: body.width) }
            return []
        case .timer(let id, let token, let now):
            self.now = max(self.now, now)
            if id == Self.pollTimer { return pollActions(poll.timerFired(token: token, tokens: &tokens)) }
            if id == Self.clockTimerID, token == clockTimer { return scheduleClock() }
            return []
        case .jobFinished(let token, let reply, let now):
            self.now = max(self.now, now)
            let success: Bool
            switch reply {
            case .status(let rows):
                success = true
                if token == poll.inFlight { table.update(rows: rows, at: now) }
            case .failed(let message):
                success = false
                if token == poll.inFlight { table.fail(message) }
            }
            let (accepted, actions) = poll.completed(token: token, success: success, tokens: &tokens)
            if accepted { fetchStarted = nil }
            return pollActions(actions)
        case .directoryListed, .fileDescribed:
            return wizard.apply(event, tokens: &tokens).widened()
        case .jobProgress, .jobTimedOut:
            // The status request reports no progress and has no deadline.
            return []
        case .fileSaved(let path, let token, let result):
            viewer.applySave(path: path, token: token, result: result)
            return []
        }
    }

    private mutating func handle(_ key: Key) -> [Effect<Job>] {
        // Below the minimum size nothing is drawn but the "too small" message, which says q quits:
        // keys must not change what cannot be seen, and a dialog could not be seen either.
        if Frame.bodyRect(in: size, withRail: true) == nil {
            return key == .character("q") || key == .control("c") ? [.quit] : []
        }
        if var dialog {
            switch dialog.handle(key) {
            case .pending:
                self.dialog = dialog
            case .chose(let index):
                self.dialog = nil
                if index == 0 { return [.quit] }
            }
            return []
        }
        if key == .control("c") || (key == .character("q") && !wizard.focusTakesText && !viewer.isPrompting) {
            dialog = .confirm(
                title: "Quit", message: "Quit the demo? Nothing has been changed anywhere.",
                yes: "Quit", no: "Stay")
            return []
        }
        let stepID = wizard.currentStep.id
        if stepID == "viewer" {
            let (outcome, effects) = viewer.handle(key, tokens: &tokens)
            if outcome == .handled { return effects.widened() }
        }
        if stepID == "live" {
            switch key {
            case .character("r"): return pollActions(poll.refreshNow(tokens: &tokens))
            case .character("p"):
                if poll.isPaused { return pollActions(poll.resume(tokens: &tokens)) }
                poll.pause()
                return []
            default: break
            }
        }
        let (outcome, effects) = wizard.handle(key, tokens: &tokens)
        var result: [Effect<Job>] = effects.widened()
        if banner != nil, wizard.currentStep.fields.allSatisfy({ $0.problems.errors.isEmpty }) { banner = nil }
        switch outcome {
        case .movedForward, .movedBack:
            banner = nil
            result += enteredStep(from: stepID)
        case .blocked:
            let count = wizard.currentStep.fields.filter { !$0.problems.errors.isEmpty }.count
            banner = ErrorBanner(
                "\(count) field\(count == 1 ? " needs" : "s need") attention",
                fix: "Fix what is marked below, then press Enter again.")
        case .finished:
            dialog = .confirm(title: "Done", message: "That was every widget. Quit the demo?", yes: "Quit", no: "Stay")
        default:
            break
        }
        return result
    }

    /// Starts or stops what a step needs when it is entered or left.
    private mutating func enteredStep(from previous: String) -> [Effect<Job>] {
        let current = wizard.currentStep.id
        var effects: [Effect<Job>] = []
        if previous == "live", current != "live" {
            poll.pause()
            clockTimer = nil
        }
        if current == "viewer" {
            let text = GalleryDocument.manifests(answers: wizard.answers)
            if text != viewer.text {
                viewer = TextViewer(
                    title: "manifests.yaml", text: text, kind: .yaml, suggestedFileName: "manifests.yaml")
                viewer.setViewport(viewerRows, width: viewerWidth)
            }
        }
        if current == "live" {
            effects +=
                poll.isPaused
                ? pollActions(poll.resume(tokens: &tokens))
                : (poll.inFlight == nil && table.lastUpdate == nil ? pollActions(poll.start(tokens: &tokens)) : [])
            effects += scheduleClock()
        }
        return effects
    }

    /// Text rows the viewer gets: the frame takes 6 rows, the viewer's box and status line 3.
    private var viewerRows: Int { size.height - 9 }

    /// The viewer's width: the body's, which depends on whether the step rail fits.
    private var viewerWidth: Int { Frame.bodyRect(in: size, withRail: true)?.width ?? size.width }

    private mutating func scheduleClock() -> [Effect<Job>] {
        guard wizard.currentStep.id == "live" else {
            clockTimer = nil
            return []
        }
        let token = tokens.next()
        clockTimer = token
        return [.startTimer(id: Self.clockTimerID, token: token, afterMilliseconds: 250)]
    }

    private mutating func pollActions(_ actions: [LivePollSchedule.Action]) -> [Effect<Job>] {
        actions.map { action in
            switch action {
            case .fetch(let token):
                fetchStarted = now
                return .run(.fetchStatus, token: token)
            case .schedule(let token, let after):
                return .startTimer(id: Self.pollTimer, token: token, afterMilliseconds: after)
            }
        }
    }

    // MARK: Render

    /// The frame for the current step.
    var frame: Frame {
        let type = wizard.answers.choice("remoteType").flatMap { GallerySteps.remoteTypeNames[$0] }
        let onFirstStep = wizard.currentStep.id == "remote-type"
        var keys: [KeyHint]
        switch wizard.currentStep.id {
        case "viewer":
            keys =
                viewer.isPrompting
                ? [KeyHint("Enter", "save"), KeyHint("Esc", "cancel")]
                : [
                    KeyHint(viewer.canPan ? "↑↓←→ PgUp PgDn" : "↑↓ PgUp PgDn", "scroll"), KeyHint("s", "save"),
                    KeyHint("Enter", "continue"), KeyHint("Esc", "back"),
                ]
        case "live":
            keys = [
                KeyHint("r", "refresh now"), KeyHint("p", poll.isPaused ? "resume" : "pause"),
                KeyHint("Enter", "finish"), KeyHint("Esc", "back"),
            ]
        default:
            keys = wizard.keyHints
        }
        if let dialog {
            keys = dialog.keyHints
        } else {
            keys.append(wizard.focusTakesText || viewer.isPrompting ? KeyHint("^C", "quit") : KeyHint("q", "quit"))
        }
        return Frame(
            branch: onFirstStep || type == nil ? nil : "ECK local \(Theme.unicode.glyphs.arrow) \(type!) remote",
            step: wizard.progress, title: wizard.currentStep.title, keys: keys, rail: wizard.rail)
    }

    public func render(into buffer: inout ScreenBuffer, theme: Theme) {
        var frame = frame
        if let branch = frame.branch { frame.branch = branch.replacingOccurrences(of: "→", with: theme.glyphs.arrow) }
        guard let body = frame.render(into: &buffer, theme: theme) else { return }
        switch wizard.currentStep.id {
        case "viewer":
            var shown = viewer
            shown.setViewport(body.height - 3, width: body.width)
            shown.render(into: &buffer, rect: body, theme: theme)
        case "live":
            renderLive(into: &buffer, rect: body, theme: theme)
        default:
            var formArea = body
            if let banner {
                let used = banner.render(into: &buffer, rect: body, theme: theme)
                formArea = body.inset(top: used + 1)
            }
            FormView.render(wizard.currentStep, into: &buffer, rect: formArea, theme: theme)
        }
        if let dialog { dialog.render(into: &buffer, area: buffer.bounds, theme: theme) }
    }

    private func renderLive(into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) {
        buffer.write(
            "Remote clusters of \"central\", polled every second by a timer.", x: rect.x, y: rect.y,
            width: rect.width, style: .muted)
        var tableRect = rect.inset(top: 2, bottom: 2)
        tableRect.height = min(tableRect.height, table.rows.count + 4)
        table.render(into: &buffer, rect: tableRect, now: now, theme: theme)
        let statusY = rect.maxY - 1
        if poll.isPaused {
            buffer.write(
                "\(theme.glyphs.warning) Polling paused. Press p to resume.", x: rect.x, y: statusY,
                width: rect.width, style: .warning)
        } else if let fetchStarted, poll.inFlight != nil {
            Spinner("Fetching GET /_remote/info…", startedAt: fetchStarted)
                .render(into: &buffer, x: rect.x, y: statusY, width: rect.width, now: now, theme: theme)
        } else if poll.consecutiveFailures > 0 {
            buffer.write(
                "Retrying in \(LiveTable.seconds(poll.currentDelay)) (backing off after \(poll.consecutiveFailures) failure\(poll.consecutiveFailures == 1 ? "" : "s")).",
                x: rect.x, y: statusY, width: rect.width, style: .warning)
        }
    }
}

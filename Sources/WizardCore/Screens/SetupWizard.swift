import RemoteClusterKit

/// The wizard: one program that owns the flow and what the screens share, and routes every
/// message to the current screen.
///
/// It keeps each screen's state when the operator goes back, cancels a screen's jobs when it is
/// left, saves the answers (never secrets) after every step, warns before Back steps over a change
/// already applied, opens the help (F1 or `?`) on every screen, and asks before quitting (Esc on
/// the first screen, `q`, Ctrl-C; a second Ctrl-C quits at once).
public struct SetupWizard: TerminalProgram {
    public typealias Job = WizardJob
    public typealias Reply = WizardReply

    public private(set) var context: WizardContext
    public private(set) var current: ScreenID
    private var screens: [ScreenID: any WizardScreen] = [:]
    /// Which screen started each running job, so its replies reach it and leaving cancels them.
    public private(set) var jobOwners: [Token: ScreenID] = [:]
    private var overlay: Overlay?
    /// The token of the last state save, to report a failed save.
    private var saveToken: Token?
    /// Shown in the footer line when saving the progress failed.
    public private(set) var saveProblem: String?
    /// The remote type the kept screens were made for; another type makes them afresh.
    private var screensType: String
    /// Why a resumed run starts on another screen than where it stopped (shown until it moves on).
    public private(set) var resumeNote: String?

    /// What is drawn over the screen.
    enum Overlay: Sendable {
        case help(HelpOverlay)
        case quit(ModalDialog)
        /// Going back over a change already applied: where to go if confirmed.
        case backOverApplied(ModalDialog, target: ScreenID)
    }

    public init(_ configuration: WizardConfiguration = WizardConfiguration()) {
        context = WizardContext(configuration: configuration)
        screensType = context.answers.remoteType
        current = .welcome
        screens[.welcome] = ScreenID.welcome.makeScreen(context)
    }

    /// The current screen's state.
    public var screen: any WizardScreen { screens[current]! }

    /// The state of a screen that has been shown, for tests.
    public func screen(_ id: ScreenID) -> (any WizardScreen)? { screens[id] }

    /// Whether the help is open.
    public var isHelpOpen: Bool {
        if case .help = overlay { return true }
        return false
    }

    /// The question over the screen, if any (quit, back over an applied change, or the screen's own).
    public var dialog: ModalDialog? {
        switch overlay {
        case .quit(let dialog), .backOverApplied(let dialog, _): return dialog
        case .help, nil: return screen.dialog
        }
    }

    // MARK: Start and resume

    public mutating func start(now: Moment) -> [Effect<Job>] {
        context.now = now
        return perform(screens[current]!.enter(&context), from: current)
    }

    /// Restores saved progress and goes to the screen it stopped on (the welcome screen calls it).
    mutating func resume(_ progress: SavedProgress) -> [Effect<Job>] {
        context.answers = progress.answers
        context.applied = progress.applied
        context.filesWritten = progress.filesWritten
        // Screens are made afresh from the restored answers.
        screens = screens.filter { $0.key == .welcome }
        screensType = context.answers.remoteType
        let (target, note) = SetupFlow.resumeScreen(progress, secrets: context.secrets)
        let effects = go(to: target)
        resumeNote = note
        return effects
    }

    // MARK: Update

    public mutating func update(_ event: Event<Reply>) -> [Effect<Job>] {
        switch event {
        case .key(let key):
            return handle(key)
        case .resize(let size):
            context.size = size
            return deliver(.resized)
        case .timer(let id, let token, let now):
            context.now = max(context.now, now)
            return deliver(.timer(id: id, token: token))
        case .jobFinished(let token, let reply, let now):
            context.now = max(context.now, now)
            guard let owner = jobOwners.removeValue(forKey: token), owner == current else { return [] }
            return deliver(.jobFinished(token: token, reply: reply))
        case .jobProgress(let token, let reply, let now):
            context.now = max(context.now, now)
            guard jobOwners[token] == current else { return [] }
            return deliver(.jobProgress(token: token, reply: reply))
        case .jobTimedOut(let token, let after, let now):
            context.now = max(context.now, now)
            guard let owner = jobOwners.removeValue(forKey: token), owner == current else { return [] }
            return deliver(.jobTimedOut(token: token, afterMilliseconds: after))
        case .directoryListed(_, let token, let result):
            return deliver(.directoryListed(token: token, result: result))
        case .fileDescribed(_, let token, let description):
            return deliver(.fileDescribed(token: token, description: description))
        case .fileSaved(let path, let token, let result):
            if token == saveToken {
                saveToken = nil
                if case .failure(let error) = result {
                    saveProblem = "Progress not saved to \(path): \(error.message)"
                } else {
                    saveProblem = nil
                }
                return []
            }
            return deliver(.fileSaved(path: path, token: token, result: result))
        }
    }

    private mutating func deliver(_ message: ScreenMessage) -> [Effect<Job>] {
        let id = current
        return perform(screens[id]!.update(message, &context), from: id)
    }

    private mutating func handle(_ key: Key) -> [Effect<Job>] {
        // Below the minimum size only the "too small" message shows, which says q quits.
        if context.body == nil {
            return key == .character("q") || key == .control("c") ? [.quit] : []
        }
        if key == .control("c") {
            if case .quit = overlay { return [.quit] }
            overlay = .quit(Self.quitDialog(context))
            return []
        }
        switch overlay {
        case .help(var help):
            let rows = max(1, context.size.height - 6)
            overlay = help.handle(key, visibleRows: rows) == .closed ? nil : .help(help)
            return []
        case .quit(var dialog):
            switch dialog.handle(key) {
            case .pending: overlay = .quit(dialog)
            case .chose(let index):
                overlay = nil
                if index == 0 { return [.quit] }
            }
            return []
        case .backOverApplied(var dialog, let target):
            switch dialog.handle(key) {
            case .pending: overlay = .backOverApplied(dialog, target: target)
            case .chose(let index):
                overlay = nil
                if index == 0 { return go(to: target) }
            }
            return []
        case nil:
            break
        }
        let screen = screens[current]!
        if screen.dialog == nil {
            if key == .function(1) || (key == .character("?") && !screen.takesText) {
                overlay = .help(HelpOverlay(screen.help))
                return []
            }
            if key == .character("q") && !screen.takesText {
                overlay = .quit(Self.quitDialog(context))
                return []
            }
        }
        return deliver(.key(key))
    }

    static func quitDialog(_ context: WizardContext) -> ModalDialog {
        let saved = context.configuration.statePath == nil ? "" : " Your answers are saved; start again to resume."
        let changed =
            context.applied.isEmpty
            ? "Nothing has been changed on any cluster."
            : "\(context.applied.count) change\(context.applied.count == 1 ? " was" : "s were") already applied and stay\(context.applied.count == 1 ? "s" : "")."
        return .confirm(title: "Quit", message: "Quit the wizard? \(changed)\(saved)", yes: "Quit", no: "Stay")
    }

    // MARK: Navigation

    /// Runs a screen's effects (remembering which jobs it started) and its move.
    private mutating func perform(_ response: ScreenResponse, from owner: ScreenID) -> [Effect<Job>] {
        var effects = response.effects
        for effect in effects {
            if case .run(_, let token, _) = effect { jobOwners[token] = owner }
        }
        switch response.navigation {
        case nil: break
        case .next:
            if let next = SetupFlow.next(after: current) { effects += go(to: next) }
        case .back:
            effects += back()
        case .goTo(let target):
            effects += go(to: target)
        case .resume:
            if let progress = context.configuration.savedProgress { effects += resume(progress) }
        case .askToQuit:
            overlay = .quit(Self.quitDialog(context))
        case .quit:
            effects += saveProgress(finished: current == .summary)
            effects.append(.quit)
        }
        return effects
    }

    /// Back one screen; Esc on the first screen asks to quit; stepping back over an applied change asks.
    private mutating func back() -> [Effect<Job>] {
        guard let previous = SetupFlow.previous(before: current) else {
            overlay = .quit(Self.quitDialog(context))
            return []
        }
        if let change = appliedBetween(previous, and: current) {
            let dialog = ModalDialog.confirm(
                title: "Already applied",
                message:
                    "This was already applied: \(change.what), on \(change.place). Going back keeps it: change your answers and continue to apply them again\(change.undo.map { ", or undo it with \($0)" } ?? "").",
                yes: "Go back", no: "Stay")
            overlay = .backOverApplied(dialog, target: previous)
            return []
        }
        return go(to: previous)
    }

    /// The latest change made by a screen from `earlier` through `later` in the flow.
    private func appliedBetween(_ earlier: ScreenID, and later: ScreenID) -> AppliedChange? {
        let order = SetupFlow.order
        guard let from = order.firstIndex(of: earlier), let to = order.firstIndex(of: later) else { return nil }
        return context.applied.last { change in
            order.firstIndex(of: change.screen).map { from...to ~= $0 } ?? false
        }
    }

    /// Leaves the current screen (cancelling its jobs), enters `target`, and saves the progress.
    private mutating func go(to target: ScreenID) -> [Effect<Job>] {
        resumeNote = nil
        var effects: [Effect<Job>] = []
        for (token, owner) in jobOwners where owner == current {
            effects.append(.cancel(token))
            jobOwners[token] = nil
        }
        current = target
        if context.answers.remoteType != screensType {
            // Every screen after the remote type depends on it.
            screens = screens.filter { $0.key == .welcome || $0.key == .remoteType }
            screensType = context.answers.remoteType
        }
        if screens[target] == nil { screens[target] = target.makeScreen(context) }
        effects += saveProgress()
        effects += perform(screens[target]!.enter(&context), from: target)
        return effects
    }

    /// Writes the answers (never secrets) to the state file, atomically.
    private mutating func saveProgress(finished: Bool = false) -> [Effect<Job>] {
        guard let path = context.configuration.statePath, current != .welcome else { return [] }
        let progress = SavedProgress(
            screen: current, answers: context.answers, applied: context.applied, filesWritten: context.filesWritten,
            finished: finished)
        let token = context.tokens.next()
        saveToken = token
        return [.saveFile(path: path, contents: progress.encoded(), secret: false, token: token)]
    }

    // MARK: Render

    public func render(into buffer: inout ScreenBuffer, theme: Theme) {
        let screen = self.screen
        var keys: [KeyHint]
        if case .help = overlay {
            keys = HelpOverlay.keyHints
        } else if let dialog {
            keys = dialog.keyHints
        } else {
            keys = screen.keyHints(context)
            keys.append(KeyHint("F1", "help"))
            keys.append(screen.takesText ? KeyHint("^C", "quit") : KeyHint("q", "quit"))
        }
        let frame = Frame(
            product: context.configuration.label.map { "remote-cluster-wizard \($0)" } ?? "remote-cluster-wizard",
            branch: current == .welcome || current == .remoteType ? nil : context.branch(glyphs: theme.glyphs),
            step: SetupFlow.progress(of: current), title: screen.title(context), keys: keys, rail: rail)
        guard let body = frame.render(into: &buffer, theme: theme) else { return }
        screen.render(into: &buffer, rect: body, context: context, theme: theme)
        if let note = saveProblem ?? resumeNote {
            buffer.write(
                "\(theme.glyphs.warning) \(note)", x: body.x, y: body.maxY - 1, width: body.width, style: .warning)
        }
        switch overlay {
        case .help(let help):
            // Over the body, leaving the footer with the help's keys visible.
            help.render(into: &buffer, area: buffer.bounds.inset(bottom: 2), theme: theme)
        case .quit(let dialog), .backOverApplied(let dialog, _):
            dialog.render(into: &buffer, area: buffer.bounds, theme: theme)
        case nil:
            screen.dialog?.render(into: &buffer, area: buffer.bounds, theme: theme)
        }
    }

    /// The step rail: screens before the current one done, the current one, the rest upcoming.
    var rail: [RailItem] {
        let order = SetupFlow.order.filter { $0 != .welcome }
        let index = order.firstIndex(of: current) ?? -1
        return order.enumerated().map { offset, id in
            RailItem(id.shortTitle, state: offset < index ? .done : (offset == index ? .current : .upcoming))
        }
    }

    // MARK: Plain mode

    /// The current screen as line prompts (with the open question, if any, as the prompt).
    public var plainView: PlainView {
        if let dialog {
            return PlainView(heading: dialog.title, lines: [dialog.message], prompt: .actions(dialog.plainActions))
        }
        var view = screen.plain(context)
        let progress = SetupFlow.progress(of: current).map { "Step \($0.number) of \($0.count): " } ?? ""
        view.heading = progress + screen.title(context)
        if let note = saveProblem ?? resumeNote { view.lines.insert(note, at: 0) }
        return view
    }
}

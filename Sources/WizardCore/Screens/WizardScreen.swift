import RemoteClusterKit

/// What reaches a screen: keys, its timers, its jobs' results, file results and size changes.
/// The router passes only what belongs to the current screen.
public enum ScreenMessage: Sendable {
    case key(Key)
    case timer(id: String, token: Token)
    case jobFinished(token: Token, reply: WizardReply)
    /// A running job's progress (an engine event); the job goes on.
    case jobProgress(token: Token, reply: WizardReply)
    case jobTimedOut(token: Token, afterMilliseconds: Int64)
    case directoryListed(token: Token, result: Result<[DirectoryEntry], FileAccessError>)
    case fileDescribed(token: Token, description: String)
    case fileSaved(path: String, token: Token, result: Result<Void, FileAccessError>)
    /// The terminal size changed (the new size is in the context).
    case resized
}

/// Where a screen wants to go.
public enum Navigation: Sendable, Hashable {
    /// On to the next screen of the flow (the answers are saved first).
    case next
    /// Back to the previous screen (the router warns when that steps over an applied change).
    case back
    /// Straight to a screen (e.g. "edit" from the diagnosis).
    case goTo(ScreenID)
    /// Restore the saved progress of an interrupted run and go where it stopped.
    case resume
    /// Ask whether to quit.
    case askToQuit
    /// Quit now (the operator already confirmed).
    case quit
}

/// What a screen did with a message: effects to run and maybe a move.
public struct ScreenResponse: Sendable {
    public var effects: [Effect<WizardJob>]
    public var navigation: Navigation?

    public init(_ effects: [Effect<WizardJob>] = [], navigation: Navigation? = nil) {
        self.effects = effects
        self.navigation = navigation
    }

    public static let none = ScreenResponse()
    public static func go(_ navigation: Navigation) -> ScreenResponse { ScreenResponse(navigation: navigation) }
}

/// A screen's help: what the screen is for and what to know, shown by F1 or `?`.
public struct HelpText: Sendable, Hashable {
    public var title: String
    public var paragraphs: [String]
    public init(_ title: String, _ paragraphs: [String]) {
        self.title = title
        self.paragraphs = paragraphs
    }
}

/// One screen of the wizard: its own state, how it reacts (`update`), how it looks (`render`),
/// the keys that work on it, its help, and its line-prompt form for plain mode.
///
/// Screens change the shared context (answers, secrets, results) only in `enter` and `update`;
/// they start engine work with `.run` effects whose tokens the router remembers, so the jobs are
/// cancelled when the screen is left.
public protocol WizardScreen: Sendable {
    var id: ScreenID { get }
    /// The title under the top line.
    func title(_ context: WizardContext) -> String
    /// Called each time the screen becomes the current one (forward or back).
    mutating func enter(_ context: inout WizardContext) -> ScreenResponse
    mutating func update(_ message: ScreenMessage, _ context: inout WizardContext) -> ScreenResponse
    /// Draws the body.
    func render(into buffer: inout ScreenBuffer, rect: Rect, context: WizardContext, theme: Theme)
    /// The keys that work here now, for the footer (help and quit are added by the router).
    func keyHints(_ context: WizardContext) -> [KeyHint]
    var help: HelpText { get }
    /// The same screen as line prompts.
    func plain(_ context: WizardContext) -> PlainView
    /// Whether printable keys go to a text field (then `q` and `?` type, and Ctrl-C or F1 are needed).
    var takesText: Bool { get }
    /// A question the screen is asking, drawn over everything; keys go to the screen meanwhile.
    var dialog: ModalDialog? { get }
}

extension WizardScreen {
    public var dialog: ModalDialog? { nil }
}

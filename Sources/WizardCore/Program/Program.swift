import RemoteClusterKit

/// Identifies one request so that its result can be matched to it; results whose token is no
/// longer the one a widget waits for are stale and dropped.
public struct Token: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: UInt64
    public init(_ value: UInt64) { self.value = value }
    public static func < (a: Token, b: Token) -> Bool { a.value < b.value }
    public var description: String { "#\(value)" }
}

/// Hands out increasing tokens. A value type kept in the program state, so it stays pure.
public struct TokenSource: Sendable, Hashable {
    private var last: UInt64 = 0
    public init() {}
    public mutating func next() -> Token {
        last += 1
        return Token(last)
    }
}

/// A moment on the run loop's clock, in milliseconds since the loop started. Time reaches the
/// core only through messages, so tests drive it with a fake clock.
public struct Moment: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public static let zero = Moment(milliseconds: 0)
    public static func < (a: Moment, b: Moment) -> Bool { a.milliseconds < b.milliseconds }
    public func adding(milliseconds ms: Int64) -> Moment { Moment(milliseconds: milliseconds + ms) }
    public func milliseconds(since earlier: Moment) -> Int64 { milliseconds - earlier.milliseconds }
    public var description: String { "\(milliseconds)ms" }
}

/// One entry of a directory listing, for path completion.
public struct DirectoryEntry: Sendable, Hashable {
    public var name: String
    public var isDirectory: Bool
    public init(name: String, isDirectory: Bool) {
        self.name = name
        self.isDirectory = isDirectory
    }
}

/// Work the runtime carries out for the core. `Job` is the program's own kind of engine work
/// (requests to clusters, kubectl, TLS probes); the rest is the same for every program.
public enum Effect<Job: Equatable & Sendable>: Equatable, Sendable {
    /// Leave the run loop and restore the terminal.
    case quit
    /// Deliver `.timer(id, token, now)` after the delay.
    case startTimer(id: String, token: Token, afterMilliseconds: Int64)
    /// List a directory (for path completion); answered by `.directoryListed`.
    case listDirectory(path: String, token: Token)
    /// Describe what a file holds (for the hint under a path field); answered by `.fileDescribed`.
    case describeFile(path: String, token: Token)
    /// Write text to a file (mode 0600 when `secret`); answered by `.fileSaved`.
    case saveFile(path: String, contents: String, secret: Bool, token: Token)
    /// Run engine work in the background; answered by `.jobFinished`, or by `.jobTimedOut` when a
    /// deadline is given and passes first (the job is then cancelled).
    case run(Job, token: Token, deadlineMilliseconds: Int64? = nil)
    /// Cancel the job started under this token; its reply, if one still comes, is dropped.
    case cancel(Token)
}

/// Everything that can happen to a program: input, time, and results of effects.
public enum Event<Reply: Sendable>: Sendable {
    case key(Key)
    case resize(Size)
    case timer(id: String, token: Token, now: Moment)
    case directoryListed(path: String, token: Token, result: Result<[DirectoryEntry], FileAccessError>)
    case fileDescribed(path: String, token: Token, description: String)
    case fileSaved(path: String, token: Token, result: Result<Void, FileAccessError>)
    case jobFinished(token: Token, reply: Reply, now: Moment)
    /// A running job reported progress (for example an engine event); the job goes on.
    case jobProgress(token: Token, reply: Reply, now: Moment)
    /// The job's deadline passed before it answered; it has been cancelled and will not answer.
    case jobTimedOut(token: Token, afterMilliseconds: Int64, now: Moment)
}

/// A file system failure, as words for the screen.
public struct FileAccessError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A terminal program in Model–Update–View form. The state is a value; `update` is the only
/// place it changes and returns the effects to carry out; `render` draws it.
public protocol TerminalProgram: Sendable {
    associatedtype Job: Equatable & Sendable
    associatedtype Reply: Sendable

    /// Effects to run when the loop starts (first timers, first requests).
    mutating func start(now: Moment) -> [Effect<Job>]
    /// Reacts to one event.
    mutating func update(_ event: Event<Reply>) -> [Effect<Job>]
    /// Draws the whole screen.
    func render(into buffer: inout ScreenBuffer, theme: Theme)
}

extension Effect where Job == Never {
    /// The same file or timer effect for a program with its own kind of job.
    public func widened<Other: Equatable & Sendable>() -> Effect<Other> {
        switch self {
        case .quit: return .quit
        case .startTimer(let id, let token, let after):
            return .startTimer(id: id, token: token, afterMilliseconds: after)
        case .listDirectory(let path, let token): return .listDirectory(path: path, token: token)
        case .describeFile(let path, let token): return .describeFile(path: path, token: token)
        case .saveFile(let path, let contents, let secret, let token):
            return .saveFile(path: path, contents: contents, secret: secret, token: token)
        case .cancel(let token): return .cancel(token)
        case .run(let job, _, _): switch job {}
        }
    }
}

extension Array {
    /// File and timer effects widened for a program with its own kind of job.
    public func widened<Other: Equatable & Sendable>() -> [Effect<Other>] where Element == Effect<Never> {
        map { $0.widened() }
    }
}

/// One word of a shell command: literal text and references to environment variables.
///
/// Literal text is single-quoted whenever it contains anything but safe characters, so names
/// with spaces, quotes or `$` cannot change what the command does. Variables render as `"$NAME"`,
/// so a password is read from the environment instead of being written into the command.
public struct ShellWord: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// A piece of a word.
    public enum Part: Sendable, Hashable {
        case literal(String)
        case variable(String)
    }

    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }
    public init(_ literal: String) { parts = [.literal(literal)] }
    public init(stringLiteral value: String) { self.init(value) }
    public init(stringInterpolation: DefaultStringInterpolation) {
        self.init(String(stringInterpolation: stringInterpolation))
    }

    /// A word made of a literal prefix and an environment variable, e.g. `--pass="$CA_PASSWORD"`.
    public static func literal(_ prefix: String, variable: String) -> ShellWord {
        ShellWord(parts: prefix.isEmpty ? [.variable(variable)] : [.literal(prefix), .variable(variable)])
    }

    /// The word as the shell must see it.
    public var description: String {
        parts.map { part in
            switch part {
            case .literal(let text): return ShellWord.quote(text)
            case .variable(let name): return "\"$\(name)\""
            }
        }.joined()
    }

    /// `text` unchanged when it only has characters the shell treats literally, else single-quoted.
    public static func quote(_ text: String) -> String {
        if !text.isEmpty, text.unicodeScalars.allSatisfy({ safeCharacters.contains($0) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static let safeCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,@%+".unicodeScalars)
}

/// A command line built from words, optionally sending its output to a file.
public struct ShellCommand: Sendable, Hashable, CustomStringConvertible {
    public var words: [ShellWord]
    /// When set, `> file` is appended (the file name quoted like any word).
    public var outputFile: String?

    public init(_ words: [ShellWord], outputFile: String? = nil) {
        self.words = words
        self.outputFile = outputFile
    }

    /// The command as one line of shell text.
    public var description: String {
        var line = words.map(\.description).joined(separator: " ")
        if let outputFile { line += " > " + ShellWord.quote(outputFile) }
        return line
    }

    /// `kubectl --context C --namespace N <rest>`; the context is left out when unknown.
    public static func kubectl(context: String?, namespace: String, _ rest: [ShellWord], outputFile: String? = nil)
        -> ShellCommand
    {
        var words: [ShellWord] = ["kubectl"]
        if let context { words.append(contentsOf: ["--context", ShellWord(context)]) }
        words.append(contentsOf: ["--namespace", ShellWord(namespace)])
        return ShellCommand(words + rest, outputFile: outputFile)
    }
}

/// A shell script of commands with comments, run with `sh`.
public struct ShellScript: Sendable, Hashable {
    /// One step: comment lines followed by a command.
    public struct Step: Sendable, Hashable {
        public var comment: [String]
        public var command: ShellCommand?
        public init(comment: [String], command: ShellCommand? = nil) {
            self.comment = comment
            self.command = command
        }
    }

    /// A check made before any step: the script stops with `message` while `file` still
    /// contains `text` (e.g. a placeholder the operator has to replace first).
    public struct Refusal: Sendable, Hashable {
        public var file: String
        public var text: String
        public var message: String
        public init(file: String, text: String, message: String) {
            self.file = file
            self.text = text
            self.message = message
        }

        var lines: [String] {
            [
                "if grep -qF -- \(ShellWord.quote(text)) \(ShellWord.quote(file)); then",
                "  echo \(ShellWord.quote(message)) >&2",
                "  exit 1",
                "fi",
            ]
        }
    }

    public var title: String
    public var steps: [Step]
    /// Whether the script first changes to its own folder (it refers to files beside it).
    public var runsInOwnFolder: Bool
    public var refusals: [Refusal]

    public init(title: String, steps: [Step], runsInOwnFolder: Bool = false, refusals: [Refusal] = []) {
        self.title = title
        self.steps = steps
        self.runsInOwnFolder = runsInOwnFolder
        self.refusals = refusals
    }

    /// The script text: a `#!/bin/sh` line, `set -eu`, the refusals, and each step.
    public var text: String {
        var lines = ["#!/bin/sh", "# \(title)", "set -eu"]
        if runsInOwnFolder { lines.append("cd \"$(dirname \"$0\")\"") }
        for refusal in refusals {
            lines.append("")
            lines.append(contentsOf: refusal.lines)
        }
        for step in steps {
            lines.append("")
            lines.append(contentsOf: step.comment.map { "# \($0)" })
            if let command = step.command { lines.append(command.description) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

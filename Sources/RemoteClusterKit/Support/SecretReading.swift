import Foundation

/// Reads passwords and API keys from files and environment variables, the same way everywhere.
///
/// Only trailing line breaks are removed (`echo`, editors and `kubectl get secret … | base64 -d`
/// add one, and a header with a line break in it is refused by the server or, worse, splits
/// the request); spaces are kept, since a password may begin or end with one. A value that
/// still holds a line break is refused. Problems never contain the value.
public enum SecretReading {
    /// A secret file larger than this is refused: passwords and keys are one short line.
    public static let maximumFileBytes = 64 << 10

    /// `text` without the line breaks (LF or CRLF) at its end.
    public static func trimmingTrailingLineBreaks(_ text: String) -> String {
        var end = text.unicodeScalars.endIndex
        while end > text.unicodeScalars.startIndex {
            let before = text.unicodeScalars.index(before: end)
            guard text.unicodeScalars[before] == "\n" || text.unicodeScalars[before] == "\r" else { break }
            end = before
        }
        return String(text.unicodeScalars[..<end])
    }

    /// The secret in the file at `path` (a regular file, a pipe such as `<(…)`, or `/dev/stdin`).
    /// `what` names it in problems ("the password").
    public static func file(at path: String, field: String, what: String) throws(FieldProblem) -> Secret {
        let text = try InputFile.text(at: path, field: field, what: what, maximumBytes: maximumFileBytes)
        return try secret(from: text, field: field, emptyProblem: "\(TextExcerpt.quoted(path)) is empty", what: what)
    }

    /// The secret in an environment variable; nil when it is not set or empty.
    public static func environment(
        _ name: String, in environment: [String: String], field: String, what: String
    ) throws(FieldProblem) -> Secret? {
        guard let value = environment[name], !trimmingTrailingLineBreaks(value).isEmpty else { return nil }
        return try secret(from: value, field: field, emptyProblem: "\(name) is empty", what: what)
    }

    private static func secret(
        from text: String, field: String, emptyProblem: String, what: String
    ) throws(FieldProblem) -> Secret {
        let value = trimmingTrailingLineBreaks(text)
        guard !value.isEmpty else {
            throw FieldProblem(field: field, problem: emptyProblem, fix: "Write \(what) into it, on one line.")
        }
        if value.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            throw FieldProblem(
                field: field, problem: "holds more than one line",
                fix: "Keep only \(what), on one line; a line break cannot be sent in an HTTP header.")
        }
        return Secret(value)
    }
}

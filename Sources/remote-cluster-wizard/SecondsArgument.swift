import ArgumentParser
import RemoteClusterKit

/// Reads a number of seconds given to an option (`--timeout`, `--wait`). Options that take
/// one parse their value unconditionally, so `--timeout -1` reaches the range check and its
/// message instead of being taken for an unknown flag.
enum SecondsArgument {
    /// The number in `text`, or an error that says what is allowed.
    static func parse(_ text: String, allowed: String) throws -> Double {
        guard let seconds = Double(text.trimmingWhitespace()), seconds.isFinite else {
            throw ValidationError("\(TextExcerpt.quoted(text)) is not a number of seconds; \(allowed).")
        }
        return seconds
    }
}

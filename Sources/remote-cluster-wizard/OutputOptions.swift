import ArgumentParser
import Foundation
import RemoteClusterKit

/// `-o/--output FORMAT`: text for people (the default), json and yaml for programs, and for
/// tables wide (every column in full, never shortened to the terminal).
enum OutputFormat: String, ExpressibleByArgument, Sendable {
    case text, wide, json, yaml
}

/// The formats one command offers, for its `-o` help, completion and check.
protocol OutputFormatChoice {
    static var formats: [OutputFormat] { get }
    static var help: String { get }
}

/// Commands that print a table or a report: text, wide, json, yaml.
enum TableFormats: OutputFormatChoice {
    static let formats: [OutputFormat] = [.text, .wide, .json, .yaml]
    static let help =
        "text (default: fitted to the terminal), wide (every column in full), json or yaml (snake_case keys)."
}

/// `probe`'s report: text, wide (with the certificates' fingerprints), json, yaml.
enum ReportFormats: OutputFormatChoice {
    static let formats: [OutputFormat] = [.text, .wide, .json, .yaml]
    static let help =
        "text (default), wide (with each certificate's SHA-256 fingerprint), json or yaml (snake_case keys)."
}

/// Commands that print events and a summary: text, json, yaml.
enum EventFormats: OutputFormatChoice {
    static let formats: [OutputFormat] = [.text, .json, .yaml]
    static let help = "text (default), json (one object per line) or yaml (one document per event); snake_case keys."
}

extension OutputFormat {
    /// The format `-o` (`output`) and `--json` ask for, among the `offered` ones; a format not
    /// offered, or `--json` with another `-o`, is refused in ArgumentParser's words.
    static func chosen(output: OutputFormat?, json: Bool, offered: [OutputFormat]) throws -> OutputFormat {
        if let output, !offered.contains(output) {
            throw ValidationError(
                "-o \(output.rawValue) is not offered here; use \(offered.map(\.rawValue).joined(separator: ", "))."
            )
        }
        if json, let output, output != .json {
            throw ValidationError(
                "--json and -o \(output.rawValue) cannot be used together: --json means -o json. Give one of them.")
        }
        return json ? .json : output ?? .text
    }
}

/// `-o FORMAT` and its older spelling `--json`.
struct OutputOptions<Choice: OutputFormatChoice>: ParsableArguments {
    @Option(
        name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(Choice.help, valueName: "format"),
        completion: .list(Choice.formats.map(\.rawValue)))
    var output: OutputFormat?

    @Flag(help: "The same as -o json.")
    var json = false

    func validate() throws {
        _ = try OutputFormat.chosen(output: output, json: json, offered: Choice.formats)
    }

    /// The format asked for (once `validate` has passed).
    var format: OutputFormat { json ? .json : output ?? .text }

    /// Whether the output is for a program (json or yaml).
    var isStructured: Bool { document.isStructured }

    /// How documents are printed in the format asked for.
    var document: DocumentPrinter { DocumentPrinter(format: format) }

    /// `document.lines(for:stream:)`.
    func lines(for value: JSONValue, stream: Bool = false) -> [String] { document.lines(for: value, stream: stream) }

    /// `document.print(_:stream:to:)`.
    func print(_ value: JSONValue, stream: Bool = false, to output: CommandOutput) {
        document.print(value, stream: stream, to: output)
    }
}

/// Prints JSON values as the format asks: indented JSON or YAML for one document; a JSON line or
/// a YAML document starting with `---` for each item of a stream.
struct DocumentPrinter: Sendable {
    var format: OutputFormat

    var isStructured: Bool { format == .json || format == .yaml }

    func lines(for value: JSONValue, stream: Bool = false) -> [String] {
        guard format == .yaml else { return [value.jsonString(pretty: !stream)] }
        var yaml = value.yamlString()
        while yaml.hasSuffix("\n") { yaml.removeLast() }
        return stream ? ["---", yaml] : [yaml]
    }

    func print(_ value: JSONValue, stream: Bool = false, to output: CommandOutput) {
        for line in lines(for: value, stream: stream) { output.print(line) }
    }
}

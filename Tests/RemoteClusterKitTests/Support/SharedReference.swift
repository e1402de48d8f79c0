import Foundation
import Yams
@testable import RemoteClusterKit

/// Reads the reference data in `../shared/es-reference` beside the repository.
enum SharedReference {
    /// `<repo>/../shared/es-reference`, found from this file's path.
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path)
        {
            url.deleteLastPathComponent()
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared/es-reference")
    }()

    struct MissingFile: Error, CustomStringConvertible {
        var path: String
        var description: String { "reference file \(path) not found" }
    }

    static func text(_ relativePath: String) throws -> String {
        let url = root.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw MissingFile(path: url.path) }
        return String(decoding: data, as: UTF8.self)
    }

    /// A JSON file.
    static func json(_ relativePath: String) throws -> JSONValue { try JSONValue.parse(try text(relativePath)) }

    /// The files in a folder, sorted.
    static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            .sorted().map { "\(folder)/\($0)" }
    }

    /// An example file of the specification: `method_request` and the `value` body (JSON text or
    /// a YAML mapping). JSON files hold the body alone.
    struct Example {
        var methodRequest: String?
        var value: JSONValue?
    }

    static func example(_ relativePath: String) throws -> Example {
        if relativePath.hasSuffix(".json") { return Example(methodRequest: nil, value: try json(relativePath)) }
        guard let node = try Yams.compose(yaml: try text(relativePath)), let mapping = node.mapping else {
            return Example(methodRequest: nil, value: nil)
        }
        let method = mapping["method_request"]?.string
        guard let valueNode = mapping["value"] else { return Example(methodRequest: method, value: nil) }
        if let text = valueNode.scalar?.string, valueNode.tag.rawValue == Tag.Name.str.rawValue {
            // One example carries `// optional` comments inside its JSON.
            let cleaned = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in line.range(of: " //").map { String(line[..<$0.lowerBound]) } ?? String(line) }
                .joined(separator: "\n")
            return Example(methodRequest: method, value: try JSONValue.parse(cleaned))
        }
        return Example(methodRequest: method, value: jsonValue(of: valueNode))
    }

    /// A YAML node as JSON, keeping key order; timestamps stay strings.
    static func jsonValue(of node: Node) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var object: JSONValue = [:]
            for (key, value) in mapping { object[key.string ?? ""] = jsonValue(of: value) }
            return object
        case .sequence(let sequence):
            return .array(sequence.map(jsonValue(of:)))
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return .bool(node.bool ?? false)
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue:
                return .number(node.float ?? Double(scalar.string) ?? 0)
            default: return .string(scalar.string)
            }
        case .alias:
            return .null
        }
    }
}

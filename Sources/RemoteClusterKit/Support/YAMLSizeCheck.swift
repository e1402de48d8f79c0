import CYaml

/// How much structure a YAML document (a plan, a `--local-resource` file) may have once its
/// aliases are expanded.
///
/// Anchors and aliases let a few lines stand for an exponentially large tree ("billion
/// laughs"); composing, hashing mapping keys or converting such a tree never ends. The limits
/// are far above any real plan or Kubernetes resource.
public struct YAMLLimits: Sendable, Hashable {
    /// The most values (scalars, lists and mappings) the document may hold with every alias
    /// expanded.
    public var maximumExpandedValues: Int
    /// The deepest nesting of lists and mappings.
    public var maximumDepth: Int

    public init(maximumExpandedValues: Int = 1_000_000, maximumDepth: Int = 100) {
        self.maximumExpandedValues = maximumExpandedValues
        self.maximumDepth = maximumDepth
    }

    /// The limits every YAML input of the tool is read with.
    public static let standard = YAMLLimits()
}

/// Measures a YAML text from libyaml's event stream, before anything builds a tree from it:
/// the expanded size (an alias counts as the whole value its anchor names) and the depth.
///
/// Linear in the length of the text, whatever its aliases expand to. Syntax errors are left to
/// the composer that runs next, which describes them better.
enum YAMLSizeCheck {
    /// Throws at the first event that goes over a limit, naming its line.
    static func check(_ text: String, limits: YAMLLimits) throws(YAMLConversionError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var bytes = Array(text.utf8)
        try bytes.withUnsafeMutableBufferPointer { (buffer) throws(YAMLConversionError) in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var counter = Counter(limits: limits)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_SCALAR_EVENT:
                    try counter.value(size: 1, anchor: name(event.data.scalar.anchor), line: line)
                case YAML_ALIAS_EVENT:
                    try counter.alias(name(event.data.alias.anchor), line: line)
                case YAML_SEQUENCE_START_EVENT:
                    try counter.open(anchor: name(event.data.sequence_start.anchor), line: line)
                case YAML_MAPPING_START_EVENT:
                    try counter.open(anchor: name(event.data.mapping_start.anchor), line: line)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    try counter.close(line: line)
                default:
                    continue
                }
            }
        }
    }

    private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// The running totals: open lists and mappings with the expanded size of their contents so
    /// far, and the expanded size of every anchor seen.
    private struct Counter {
        let limits: YAMLLimits
        var total = 0
        var open: [(anchor: String?, size: Int)] = []
        var anchors: [String: Int] = [:]

        mutating func value(size: Int, anchor: String?, line: Int) throws(YAMLConversionError) {
            total += size
            if total > limits.maximumExpandedValues {
                throw YAMLConversionError(
                    location: "line \(line)",
                    reason:
                        "the document expands to more than \(limits.maximumExpandedValues) values (anchors and aliases repeat too much)",
                    exceedsLimits: true)
            }
            if let anchor { anchors[anchor] = size }
            if !open.isEmpty { open[open.count - 1].size += size }
        }

        mutating func alias(_ anchor: String?, line: Int) throws(YAMLConversionError) {
            // An unknown anchor is a syntax error the composer reports.
            guard let anchor, let size = anchors[anchor] else { return }
            try value(size: size, anchor: nil, line: line)
        }

        mutating func open(anchor: String?, line: Int) throws(YAMLConversionError) {
            if open.count >= limits.maximumDepth {
                throw YAMLConversionError(
                    location: "line \(line)",
                    reason: "lists and mappings are nested more than \(limits.maximumDepth) levels deep",
                    exceedsLimits: true)
            }
            open.append((anchor, 0))
        }

        mutating func close(line: Int) throws(YAMLConversionError) {
            guard let finished = open.popLast() else { return }
            // The collection itself is one value; its contents were counted as they came.
            total += 1
            let size = finished.size + 1
            if let anchor = finished.anchor { anchors[anchor] = size }
            if !open.isEmpty { open[open.count - 1].size += size }
            if total > limits.maximumExpandedValues {
                try value(size: 0, anchor: nil, line: line)
            }
        }
    }
}

import Yams

/// Short, readable text for Yams errors (Yams' own descriptions repeat the whole document).
enum YAMLErrorText {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? YamlError else { return String(describing: error) }
        switch error {
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return "the mapping at line \(context.mark.line) has \(keys) more than once"
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "\(problem) at line \(mark.line), column \(mark.column)"
        case .reader(let problem, let offset, _, _):
            return problem + (offset.map { " at byte \($0)" } ?? "")
        default:
            return error.description
        }
    }
}

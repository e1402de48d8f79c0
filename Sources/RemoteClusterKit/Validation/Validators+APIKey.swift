import Foundation

extension Validators {
    /// An encoded cross-cluster API key: base64 of `id:api_key`, as in the `encoded` field of the
    /// create response. Recognises the usual paste mistakes (the `id`, the raw `api_key`, the whole
    /// JSON response, an `ApiKey ` prefix) and says which field to copy.
    ///
    /// Problems never repeat the key's value.
    public static func encodedAPIKey(_ value: String, field: String = "Encoded API key") -> [FieldProblem] {
        let text = value.trimmingWhitespaceAndNewlines()
        let copyEncoded = "Copy the value of \"encoded\" from the create-API-key response"
        let problem = FieldProblemMaker(field: field)

        if text.isEmpty { return problem("is empty", "\(copyEncoded) and paste it here.") }
        if text.hasPrefix("{") {
            let hasEncoded = (try? JSONValue.parse(text))?["encoded"]?.stringValue != nil
            return problem(
                hasEncoded ? "is the whole JSON response" : "is JSON, not an encoded key",
                "\(copyEncoded): only the text between the quotes after \"encoded\":.")
        }
        if text.lowercased().hasPrefix("apikey ") {
            return problem(
                "starts with \"ApiKey \", the HTTP header prefix", "Paste only the encoded value after \"ApiKey \".")
        }
        if text.contains(where: \.isWhitespace) {
            return problem("contains white space or line breaks", "\(copyEncoded) as one piece, without spaces.")
        }
        if let decoded = decodeBase64(text), let colon = decoded.firstIndex(of: ":") {
            let id = decoded[..<colon]
            let key = decoded[decoded.index(after: colon)...]
            if id.isEmpty || key.isEmpty {
                return problem(
                    "decodes to \"id:api_key\" with an empty \(id.isEmpty ? "id" : "key") part",
                    "\(copyEncoded); the value may have been cut off.")
            }
            return []
        }
        if looksLikeElasticsearchID(text, length: 20) {
            return problem(
                "looks like the key's \"id\", not its encoded form",
                "\(copyEncoded), not the \"id\" field.")
        }
        if looksLikeElasticsearchID(text, length: 22) {
            return problem(
                "looks like the raw \"api_key\" value, not the encoded key",
                "\(copyEncoded), not the \"api_key\" field; \"encoded\" already combines id and key.")
        }
        if text.contains(where: { !isBase64Character($0) }) {
            return problem(
                "contains characters that base64 does not use",
                "\(copyEncoded); it only holds letters, digits, '+', '/' and '='.")
        }
        return problem(
            "does not decode to \"id:api_key\"",
            "\(copyEncoded); the value may be incomplete or be another kind of key.")
    }

    /// The decoded UTF-8 text of a standard base64 value, tolerating missing padding.
    static func decodeBase64(_ text: String) -> String? {
        guard text.allSatisfy(isBase64Character) else { return nil }
        var padded = text
        while padded.count % 4 != 0 { padded += "=" }
        guard let data = Data(base64Encoded: padded) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    static func isBase64Character(_ character: Character) -> Bool {
        character.isASCII
            && (character.isLetter || character.isNumber || character == "+" || character == "/" || character == "=")
    }

    /// Whether `text` has the shape of an Elasticsearch id or raw key: URL-safe base64 of a given length.
    static func looksLikeElasticsearchID(_ text: String, length: Int) -> Bool {
        text.count == length && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

extension Validators {
    /// The most characters Elasticsearch accepts in an API key's name.
    public static let maximumAPIKeyNameLength = 256

    /// The name of an API key to create, by Elasticsearch's rules for it: not empty, at most 256
    /// UTF-16 units, no whitespace at either end, not starting with `_` (reserved for Elasticsearch's
    /// own keys). Elasticsearch would refuse the create request with the same reasons; checking
    /// first keeps a setup from stopping half-way at that step.
    public static func apiKeyName(_ value: String, field: String = "Key name") -> [FieldProblem] {
        let problem = FieldProblemMaker(field: field)
        let example = "e.g. central-to-logs"
        if value.trimmingWhitespaceAndNewlines().isEmpty {
            return problem("is empty", "Name the key after who uses it, \(example).")
        }
        var problems: [FieldProblem] = []
        // Elasticsearch counts UTF-16 code units (Java's String.length()).
        if value.utf16.count > maximumAPIKeyNameLength {
            problems.append(
                problem(
                    "is \(value.utf16.count) characters long (it starts \(TextExcerpt.quoted(value, limit: 20))); Elasticsearch allows \(maximumAPIKeyNameLength)",
                    "Use a shorter name, \(example)."))
        }
        if value != value.trimmingWhitespaceAndNewlines() {
            problems.append(
                problem(
                    "\(TextExcerpt.quoted(value)) begins or ends with whitespace, which Elasticsearch refuses",
                    "Remove the spaces or tabs at the ends."))
        }
        if value.hasPrefix("_") {
            problems.append(
                problem(
                    "\(TextExcerpt.quoted(value)) begins with '_', which Elasticsearch keeps for its own keys",
                    "Start the name with a letter or a digit, \(example)."))
        }
        return problems
    }
}

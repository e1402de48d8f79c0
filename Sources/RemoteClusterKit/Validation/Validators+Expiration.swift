import Foundation

extension Validators {
    /// The time units Elasticsearch accepts in durations, with their length in nanoseconds.
    static let timeUnits: [(unit: String, nanoseconds: Double)] = [
        ("d", 86_400e9), ("h", 3_600e9), ("m", 60e9), ("s", 1e9), ("ms", 1e6), ("micros", 1e3), ("nanos", 1),
    ]

    /// An API key expiration such as `90d`: a positive whole number and one of the Elasticsearch
    /// time units `d`, `h`, `m`, `s`, `ms`, `micros`, `nanos`. Empty is valid (the key never expires).
    /// Warns when the key would expire in less than a day.
    public static func expiration(_ value: String, field: String = "Expiration") -> [FieldProblem] {
        let text = value.trimmingWhitespaceAndNewlines()
        if text.isEmpty { return [] }
        let unitList = "d (days), h, m (minutes), s, ms, micros or nanos"
        let problem = FieldProblemMaker(field: field)

        let digits = text.prefix(while: \.isASCIIDigit)
        let unitPart = text.dropFirst(digits.count)
        if text.hasPrefix("-") {
            return problem(
                "\(TextExcerpt.quoted(text)) is negative",
                "Give a positive duration such as 90d, or leave it empty so the key never expires.")
        }
        if digits.isEmpty {
            return problem(
                "\(TextExcerpt.quoted(text)) does not start with a number",
                "Write a number followed by a unit, e.g. 90d; units: \(unitList).")
        }
        if unitPart.hasPrefix(".") || unitPart.hasPrefix(",") {
            return problem(
                "\(TextExcerpt.quoted(text)) is not a whole number",
                "Use a smaller unit instead of a fraction, e.g. 36h instead of 1.5d.")
        }
        if unitPart.first?.isWhitespace == true {
            return problem(
                "\(TextExcerpt.quoted(text)) has a space between number and unit",
                "Write it without the space, e.g. \(TextExcerpt.shown(digits + unitPart.trimmingWhitespace(), limit: 20))."
            )
        }
        if unitPart.isEmpty {
            return problem(
                "\(TextExcerpt.quoted(text)) has no time unit",
                "Add a unit, e.g. \(TextExcerpt.shown(digits, limit: 20))d for days; units: \(unitList).")
        }
        guard let unit = timeUnits.first(where: { $0.unit == unitPart }) else {
            return problem(
                "\(TextExcerpt.quoted(unitPart)) is not an Elasticsearch time unit",
                unitFix(number: digits, unit: String(unitPart), unitList: unitList))
        }
        guard let number = Double(digits), number > 0 else {
            return problem(
                "\(TextExcerpt.quoted(text)) is zero",
                "Give a positive duration such as 90d, or leave it empty so the key never expires.")
        }
        if number * unit.nanoseconds < 86_400e9 {
            return [
                FieldProblem(
                    field: field,
                    problem:
                        "\(TextExcerpt.quoted(text)) expires the key in less than a day, and the connection stops working then",
                    fix: "Use a longer duration such as 90d unless this is a short test.", severity: .warning)
            ]
        }
        return []
    }

    private static func unitFix(number: Substring, unit: String, unitList: String) -> String {
        let days: Int? =
            switch unit.lowercased() {
            case "w", "week", "weeks": 7
            case "y", "year", "years": 365
            case "mo", "month", "months": 30
            default: nil
            }
        // The suggestion in days; a number too large to multiply falls back to an example.
        func inDays(_ factor: Int) -> String {
            let (product, overflow) = (Int(number) ?? 1).multipliedReportingOverflow(by: factor)
            return overflow ? "90" : String(product)
        }
        if unit == "M" { return "Months are not supported; write days, e.g. \(inDays(30))d." }
        if let days {
            return "Weeks, months and years are not supported; write days, e.g. \(inDays(days))d."
        }
        if timeUnits.contains(where: { $0.unit == unit.lowercased() }) {
            return "Write the unit in lower case: \(TextExcerpt.shown(number, limit: 20))\(unit.lowercased())."
        }
        return "Use one of \(unitList), e.g. 90d."
    }
}

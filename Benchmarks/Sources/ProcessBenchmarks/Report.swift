import Foundation

/// The figures as a table: on the terminal for `make bench`, as Markdown for BENCHMARKS.md.
public struct Report: Sendable {
    public var figures: [FigureResult]
    /// When, where and under what load the figures were taken.
    public var header: [String]
    /// Plan validation's own table (`PlanValidationBenchmark`'s output), printed under the figures.
    public var planValidation: String?

    public init(figures: [FigureResult], header: [String], planValidation: String? = nil) {
        self.figures = figures
        self.header = header
        self.planValidation = planValidation
    }

    /// Aligned plain-text columns: figure, median, target, verdict, spread and note.
    public var text: String {
        let rows = figures.map { figure -> [String] in
            [
                figure.spec.name, median(figure), "≤ \(format(figure.spec.target.limit)) \(figure.spec.unit)",
                verdict(figure), detail(figure),
            ]
        }
        let titles = ["figure", "median", "target", "", "spread / note"]
        let widths = (0..<4).map { column in
            ([titles] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            (0..<4).map { cells[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + cells[4]
        }
        let table = (header + [""] + [line(titles)] + rows.map(line)).joined(separator: "\n") + "\n"
        return table + (planValidation.map { "\nPlan validation against plan size (no target):\n" + $0 } ?? "")
    }

    /// A Markdown table for BENCHMARKS.md.
    public var markdown: String {
        var out = header.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
        out +=
            "| figure | median | target | met | spread | samples | note |\n| --- | --- | --- | --- | --- | --- | --- |\n"
        for figure in figures {
            let cells: [String]
            switch figure.outcome {
            case .measured(_, let spread, let samples):
                cells = [
                    figure.spec.name, median(figure), "≤ \(format(figure.spec.target.limit)) \(figure.spec.unit)",
                    verdict(figure), spread,
                    "\(samples)", figure.note,
                ]
            case .notMeasured(let why):
                cells = [
                    figure.spec.name, "—", "≤ \(format(figure.spec.target.limit)) \(figure.spec.unit)", "—",
                    "not measured: \(why)", "", figure.note,
                ]
            }
            out += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        if let planValidation {
            out += "\nPlan validation against plan size (no target):\n\n```text\n" + planValidation + "```\n"
        }
        return out
    }

    private func median(_ figure: FigureResult) -> String {
        if case .measured(let median, _, _) = figure.outcome { return "\(format(median)) \(figure.spec.unit)" }
        return "—"
    }

    private func verdict(_ figure: FigureResult) -> String {
        switch figure.met {
        case true?: return "met"
        case false?: return "MISSED"
        case nil: return "n/a"
        }
    }

    private func detail(_ figure: FigureResult) -> String {
        let note = figure.note.isEmpty ? "" : "; \(figure.note)"
        switch figure.outcome {
        case .measured(_, let spread, let samples): return "\(spread); n=\(samples)\(note)"
        case .notMeasured(let why): return "not measured: \(why)\(note)"
        }
    }
}

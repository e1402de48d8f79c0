import Foundation

/// The bound a figure must stay within: at most `limit`, in the figure's unit.
public struct Target: Sendable, Hashable {
    public var limit: Double

    public init(atMost limit: Double) { self.limit = limit }

    public func isMet(by value: Double) -> Bool { value <= limit }
}

/// One figure of the performance issue: what is measured, in which unit, and its target.
public struct FigureSpec: Sendable, Hashable {
    public var name: String
    /// "ms", "MB", "%", or "x" for a ratio.
    public var unit: String
    public var target: Target

    public init(_ name: String, unit: String, atMost limit: Double) {
        self.name = name
        self.unit = unit
        target = Target(atMost: limit)
    }
}

/// One line of the report: a figure's median and spread, and whether its target was met, or
/// why it could not be measured.
public struct FigureResult: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// Measured: the value compared with the target (usually the median), the spread around
        /// it as text, and how many samples.
        case measured(median: Double, spread: String, samples: Int)
        /// Not measured, and why (a missing feature, a tool that is not installed, a failure).
        case notMeasured(String)
    }

    public var spec: FigureSpec
    public var outcome: Outcome
    /// Anything a reader needs to interpret the figure (what stood in for what, the compared command).
    public var note: String

    public init(_ spec: FigureSpec, outcome: Outcome, note: String = "") {
        self.spec = spec
        self.outcome = outcome
        self.note = note
    }

    /// A figure that could not be measured, and why.
    public static func notMeasured(_ spec: FigureSpec, _ why: String, note: String = "") -> FigureResult {
        FigureResult(spec, outcome: .notMeasured(why), note: note)
    }

    /// A measured figure from samples: the median, and the interquartile range with minimum and maximum.
    public static func measured(_ spec: FigureSpec, samples: Samples, note: String = "") -> FigureResult {
        guard !samples.isEmpty else { return .notMeasured(spec, "no samples", note: note) }
        let spread =
            "IQR \(format(samples.firstQuartile))–\(format(samples.thirdQuartile)), "
            + "range \(format(samples.minimum))–\(format(samples.maximum))"
        return FigureResult(
            spec, outcome: .measured(median: samples.median, spread: spread, samples: samples.count), note: note)
    }

    /// Whether the target was met; nil when nothing was measured.
    public var met: Bool? {
        if case .measured(let median, _, _) = outcome { return spec.target.isMet(by: median) }
        return nil
    }
}

/// A number with as many decimals as its size needs (3 below 1, 2 below 10, 1 below 100, else none).
public func format(_ value: Double) -> String {
    let magnitude = abs(value)
    let decimals = magnitude < 1 ? 3 : magnitude < 10 ? 2 : magnitude < 100 ? 1 : 0
    return String(format: "%.\(decimals)f", value)
}

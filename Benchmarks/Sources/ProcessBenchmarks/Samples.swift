/// Repeated measurements of one quantity, and the order statistics the report prints.
public struct Samples: Sendable, Hashable {
    /// The measurements, sorted ascending.
    public let sorted: [Double]

    public init(_ values: [Double]) { sorted = values.sorted() }

    public var count: Int { sorted.count }
    public var isEmpty: Bool { sorted.isEmpty }

    /// The value below which `fraction` (0...1) of the samples lie, interpolating linearly
    /// between neighbours (the "type 7" quantile of R and NumPy).
    public func quantile(_ fraction: Double) -> Double {
        precondition(!sorted.isEmpty, "no samples")
        let position = Double(sorted.count - 1) * min(max(fraction, 0), 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    public var median: Double { quantile(0.5) }
    public var firstQuartile: Double { quantile(0.25) }
    public var thirdQuartile: Double { quantile(0.75) }
    public var minimum: Double { sorted.first! }
    public var maximum: Double { sorted.last! }
    public var sum: Double { sorted.reduce(0, +) }
}

/// A duration in milliseconds.
public func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

/// A position on the screen, in cells, from the top-left corner.
public struct Point: Sendable, Hashable {
    public var column: Int
    public var row: Int
    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }
}

/// A terminal size in cells.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
    public var description: String { "\(width)x\(height)" }
}

/// A rectangle of cells. Widths and heights are never negative.
public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle covering a whole screen of this size.
    public init(size: Size) { self.init(x: 0, y: 0, width: size.width, height: size.height) }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// This rectangle shrunk by the given margins on each side.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// This rectangle shrunk by the same margin on every side.
    public func inset(by margin: Int) -> Rect { inset(top: margin, left: margin, bottom: margin, right: margin) }

    /// The single row at `offset` from the top (empty when outside).
    public func row(_ offset: Int) -> Rect {
        guard offset >= 0, offset < height else { return Rect(x: x, y: y + offset, width: 0, height: 0) }
        return Rect(x: x, y: y + offset, width: width, height: 1)
    }

    /// A rectangle of the given size centred in this one (clipped to it).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width)
        let ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// Splits the rectangle into rows stacked top to bottom, one per constraint.
    public func rows(_ constraints: [Constraint]) -> [Rect] {
        Constraint.solve(constraints, total: height).map {
            Rect(x: x, y: y + $0.offset, width: width, height: $0.length)
        }
    }

    /// Splits the rectangle into columns left to right, one per constraint.
    public func columns(_ constraints: [Constraint]) -> [Rect] {
        Constraint.solve(constraints, total: width).map {
            Rect(x: x + $0.offset, y: y, width: $0.length, height: height)
        }
    }
}

/// How much room one part of a row or column split gets.
public enum Constraint: Sendable, Hashable {
    /// Exactly this many cells (less when there is not enough room).
    case fixed(Int)
    /// A percentage of the total.
    case percent(Int)
    /// An equal share of what remains after fixed and percent parts, at least `min` cells.
    case fill(min: Int)

    /// A fill part with no minimum.
    public static var fill: Constraint { .fill(min: 0) }

    /// Offsets and lengths for the constraints within `total` cells. Parts are served in order, so
    /// when room runs out the last parts shrink first.
    static func solve(_ constraints: [Constraint], total: Int) -> [(offset: Int, length: Int)] {
        var lengths = [Int](repeating: 0, count: constraints.count)
        var remaining = max(0, total)
        var fillMinimum = 0
        for constraint in constraints { if case .fill(let m) = constraint { fillMinimum += m } }
        for (index, constraint) in constraints.enumerated() {
            switch constraint {
            case .fixed(let n):
                lengths[index] = min(max(0, n), max(0, remaining - fillMinimum))
            case .percent(let p):
                lengths[index] = min(max(0, total * p / 100), max(0, remaining - fillMinimum))
            case .fill:
                continue
            }
            remaining -= lengths[index]
        }
        let fillIndices = constraints.indices.filter { if case .fill = constraints[$0] { true } else { false } }
        if !fillIndices.isEmpty {
            let share = remaining / fillIndices.count
            var extra = remaining - share * fillIndices.count
            for index in fillIndices {
                lengths[index] = share + (extra > 0 ? 1 : 0)
                if extra > 0 { extra -= 1 }
            }
        }
        var offset = 0
        return lengths.map { length in
            defer { offset += length }
            return (offset, length)
        }
    }
}

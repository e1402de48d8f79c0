/// A text field for passwords and API keys: shows bullets until the operator asks to see the value
/// (Ctrl-R toggles). The value is handed out only as a `Secret`.
public struct SecretField: Sendable, Hashable {
    public var field: TextField
    public private(set) var isRevealed = false

    public init(placeholder: String = "") { self.field = TextField(placeholder: placeholder) }

    public var secret: Secret { Secret(field.text) }

    public mutating func handle(_ key: Key) -> KeyOutcome {
        if key == .control("r") {
            isRevealed.toggle()
            return .handled
        }
        return field.handle(key)
    }

    public func render(into buffer: inout ScreenBuffer, rect: Rect, focused: Bool, glyphs: Glyphs) {
        let bullets = isRevealed ? nil : [Character](repeating: glyphs.mask, count: field.characters.count)
        field.render(into: &buffer, rect: rect, focused: focused, displayed: bullets)
    }
}

import RemoteClusterKit

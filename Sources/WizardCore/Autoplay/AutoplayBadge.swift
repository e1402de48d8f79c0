/// What autoplay is doing, written into the frame's bottom line so that a viewer always knows
/// whether the keys come from the script or from a person.
public enum AutoplayBadge: Sendable, Hashable {
    /// The script has the keyboard.
    case playing
    /// The script is over and waits for a key to hand over.
    case ended(AutoplayEnd)
    /// A key took over; said for a moment.
    case handedOver

    /// The text, for example `› autoplay · any key takes over`.
    public func text(glyphs: Glyphs) -> String {
        let sep = glyphs.separator
        switch self {
        case .playing: return "\(glyphs.pointer) autoplay\(sep)any key takes over"
        case .ended(.finished): return "\(glyphs.ok) autoplay finished\(sep)press any key to take over"
        case .ended(.stopped(let screen)):
            return "\(glyphs.ok) autoplay stopped at \(screen.shortTitle)\(sep)press any key to take over"
        case .ended(.gaveUp(let reason)):
            return "\(glyphs.warning) autoplay stopped: \(reason)\(sep)press any key to take over"
        case .handedOver: return "you have control"
        }
    }

    var style: Style {
        switch self {
        case .playing: return Style(.accent, bold: true)
        case .ended(.gaveUp): return Style(.warning, bold: true)
        case .ended: return Style(.success, bold: true)
        case .handedOver: return Style(.accent, bold: true)
        }
    }

    /// Writes the badge into the bottom line of the frame (nothing when the frame is not drawn
    /// because the terminal is too small).
    public func render(into buffer: inout ScreenBuffer, theme: Theme) {
        let size = buffer.size
        guard size.width >= Frame.minimumSize.width, size.height >= Frame.minimumSize.height else { return }
        buffer.write(
            " \(text(glyphs: theme.glyphs)) ", x: 2, y: size.height - 1, width: size.width - 4, style: style)
    }
}

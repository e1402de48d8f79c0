import CNcurses
import WizardCore

/// The marks the user's locale can show: Unicode when its character set is UTF-8, ASCII otherwise
/// (`LC_ALL` over `LC_CTYPE` over `LANG`, as the C library decides).
public enum LocaleGlyphs {
    /// Reads the locale from the environment (once per process: `setlocale` is not safe while
    /// other threads run, so the first call should come before any are started) and returns the
    /// glyphs for it.
    public static func current() -> Glyphs { resolved }

    private static let resolved: Glyphs = {
        _ = cn_setlocale_all()
        let codeset = String(cString: cn_codeset()).uppercased().replacingOccurrences(of: "-", with: "")
        return codeset == "UTF8" ? .unicode : .ascii
    }()
}

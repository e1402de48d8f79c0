// The WizardTerminal module. See DESIGN.md for what belongs here.
import CNcurses
import WizardCore

/// The ncurses version this binary runs with.
public var ncursesVersion: String { String(cString: curses_version()) }

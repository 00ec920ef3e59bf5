import CNCurses
import Foundation

/// Owns the ncurses screen: start-up checks, colours, key decoding, painting and teardown.
/// Every call happens on the UI thread.
final class Terminal {
  /// Why the terminal could not be started.
  struct StartError: Error {
    var message: String
  }

  private let screen: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private var attributes: [Style: attr_t] = [:]

  /// Starts ncurses on the controlling terminal; an unknown TERM is an error, not an exit.
  /// Unicode, or ASCII when the user's locale or the terminal type cannot show UTF-8.
  let glyphs: GlyphSet

  init(theme: Theme, useColor: Bool) throws(StartError) {
    let codeset = TextWidth.ensureUTF8Locale()
    let environment = ProcessInfo.processInfo.environment
    let term = environment["TERM"] ?? ""
    glyphs = GlyphSet.choose(codeset: codeset, term: term, override: environment["SERA_GLYPHS"])
    CrashRestore.saveModes()
    guard !term.isEmpty, term != "dumb",
      let output = fdopen(1, "w"), let input = fdopen(0, "r"),
      let screen = newterm(nil, output, input)
    else {
      throw StartError(message: Strings.unknownTerminal(term))
    }
    self.screen = screen
    set_term(screen)
    guard let window = sera_stdscr() else {
      throw StartError(message: Strings.unknownTerminal(term))
    }
    self.window = window
    sera_set_escdelay(25)  // A lone Esc acts at once; 25 ms still joins split escape sequences.
    cbreak()
    noecho()
    nonl()
    keypad(window, true)
    nodelay(window, true)
    Self.defineArrowVariants()
    CrashRestore.install()
    // The cursor stays visible: it rests on the focus after every frame (see `paint`).
    setUpColours(
      theme: useColor && has_colors() ? theme : theme.monochrome, color: useColor && has_colors())
  }

  /// The current size in cells.
  var size: (width: Int, height: Int) { (Int(getmaxx(window)), Int(getmaxy(window))) }

  /// Restores the terminal; safe to call more than once.
  func shutdown() {
    endwin()
  }

  private func setUpColours(theme: Theme, color: Bool) {
    if color {
      start_color()
      use_default_colors()
    }
    for (index, style) in Style.allCases.enumerated() {
      let look = theme.look(style)
      var attr = sera_A_NORMAL()
      if look.bold { attr |= sera_A_BOLD() }
      if look.reverse { attr |= sera_A_REVERSE() }
      if look.underline { attr |= sera_A_UNDERLINE() }
      if look.dim { attr |= sera_A_DIM() }
      let usable = look.foreground < sera_COLORS() && look.background < sera_COLORS()
      if color, usable, look.foreground >= 0 || look.background >= 0 {
        let pair = Int16(index + 1)
        init_pair(pair, look.foreground, look.background)
        attr |= sera_COLOR_PAIR(Int32(pair))
      }
      attributes[style] = attr
    }
  }

  /// Copies a frame to the terminal; ncurses sends only the cells that changed, in one update,
  /// and leaves the hardware cursor on the frame's focus.
  func paint(_ frame: ScreenBuffer) {
    for row in 0..<frame.height {
      wmove(window, Int32(row), 0)
      var run = ""
      var runStyle = frame.cell(row: row, column: 0).style
      for column in 0..<frame.width {
        let cell = frame.cell(row: row, column: column)
        if cell.style != runStyle {
          put(run, runStyle)
          run = ""
          runStyle = cell.style
        }
        run += cell.text
      }
      put(run, runStyle)
    }
    let cursor = frame.cursor ?? .init(row: 0, column: 0)
    wmove(window, Int32(cursor.row), Int32(cursor.column))
    wnoutrefresh(window)
    doupdate()
  }

  private func put(_ text: String, _ style: Style) {
    guard !text.isEmpty else { return }
    _ = sera_attr_set(window, attributes[style] ?? sera_A_NORMAL())
    _ = waddstr(window, text)  // Fails harmlessly on the very last cell of the screen.
  }

  /// Arrow keys in both forms terminals send: `ESC [ A` (cursor mode) and `ESC O A` (keypad
  /// mode). Terminfo lists only the keypad form, yet multiplexers and some SSH clients send the
  /// other one, which ncurses would hand over as Esc followed by letters.
  private static func defineArrowVariants() {
    let arrows: [(String, Int32)] = [
      ("A", KEY_UP), ("B", KEY_DOWN), ("C", KEY_RIGHT), ("D", KEY_LEFT), ("H", KEY_HOME),
      ("F", KEY_END),
    ]
    for (letter, code) in arrows {
      for introducer in ["[", "O"] { define_key("\u{1B}" + introducer + letter, code) }
    }
  }

  /// The next key, or nil when none is waiting. An escape sequence ncurses does not know
  /// (`ESC[27u`, Alt-j as `ESC j`) becomes one `.unknown` key instead of Esc plus typed text.
  func readKey() -> Key? {
    guard let key = nextKey() else { return nil }
    guard key == .escape else { return key }
    return swallowedUnknownSequence() ? .unknown : .escape
  }

  private func nextKey() -> Key? {
    var code: wint_t = 0
    let result = wget_wch(window, &code)
    if result == ERR { return nil }
    if result == KEY_CODE_YES { return KeyDecoder.function(Int32(code)) }
    return KeyDecoder.character(UInt32(code))
  }

  /// After an Esc, ncurses has already waited the escape delay and queued whatever came with it:
  /// nothing for a lone Esc, else the rest of a sequence it failed to match. Reads that rest (a
  /// CSI up to its final byte, an SS3 letter, or the one key of an Alt chord); true if any.
  private func swallowedUnknownSequence() -> Bool {
    var code: wint_t = 0
    let first = wget_wch(window, &code)
    if first == ERR { return false }
    if first == KEY_CODE_YES {
      _ = ungetch(Int32(code))  // Esc, then a real key pressed quickly: keep that key.
      return false
    }
    switch code {
    case wint_t(UInt8(ascii: "[")):
      // Parameter and intermediate bytes run up to a final byte in 0x40...0x7E (ECMA-48).
      for _ in 0..<Self.longestSequence {
        guard wget_wch(window, &code) != ERR, !(0x40...0x7E).contains(code) else { break }
      }
    case wint_t(UInt8(ascii: "O")):
      _ = wget_wch(window, &code)
    default:
      break
    }
    return true
  }

  /// Bytes of an unknown sequence read at most; real ones are a few bytes long.
  private static let longestSequence = 32

  /// Leaves curses mode while `body` runs (e.g. an editor), then restores it and repaints.
  func suspended<T>(_ body: () -> T) -> T {
    def_prog_mode()
    endwin()
    let result = body()
    reset_prog_mode()
    wclear(window)
    return result
  }

  /// Forces a full repaint after a resize.
  func clearAll() {
    wclear(window)
  }

  /// Takes the terminal's size from the kernel when it differs from what ncurses holds, and
  /// forces a full repaint; true when it did. ncurses learns of a resize from SIGWINCH, which a
  /// resize that lands while it starts up never sends, and which can arrive between reading
  /// the keys and painting: without this check the dashboard would go on painting at the old
  /// size, its long lines wrapping on the real screen (seen under tmux).
  func followSize() -> Bool {
    var rows: Int32 = 0
    var columns: Int32 = 0
    guard sera_window_size(1, &rows, &columns) == 0 else { return false }
    guard rows != getmaxy(window) || columns != getmaxx(window) else { return false }
    resizeterm(rows, columns)
    wclear(window)
    return true
  }
}

/// Which characters a frame may send: full Unicode, or printable ASCII for a locale or terminal
/// that cannot show UTF-8 (`LANG=C`, `TERM=vt100`, the Linux console).
///
/// Views always draw with Unicode glyphs; in ASCII mode the finished frame goes through
/// `ScreenBuffer.inASCII()`, one place that maps borders, sparklines, arrows and the `…` of
/// truncation to ASCII look-alikes and every other non-ASCII cell to `?`. Each cell keeps its
/// width, so the layout is the same in both modes.
public enum GlyphSet: String, Sendable, Equatable {
  case unicode
  case ascii

  /// Terminal families (the part of a terminfo name before the first `-`) whose fonts lack box,
  /// block and arrow glyphs. The Linux console can show some of them, but not the block elements
  /// sparklines use, so it gets ASCII too.
  static let asciiTerminals: Set<String> = [
    "vt52", "vt100", "vt102", "vt220", "vt320", "vt420", "linux", "ansi", "cons25", "pcansi",
    "dumb", "sun", "wy50", "wy60",
  ]

  /// Picks the set from the user's locale codeset (as `nl_langinfo(CODESET)` reported it before
  /// any fallback), the terminal type, and `SERA_GLYPHS=ascii|unicode`, which wins when set.
  public static func choose(codeset: String, term: String, override: String? = nil) -> GlyphSet {
    if let override, let forced = GlyphSet(rawValue: override.lowercased()) { return forced }
    let normalised = codeset.uppercased().filter { $0 != "-" && $0 != "_" }
    guard normalised == "UTF8" else { return .ascii }
    let family = term.lowercased().split(separator: "-").first.map(String.init) ?? ""
    return asciiTerminals.contains(family) ? .ascii : .unicode
  }

  /// Look-alikes for the glyphs the views draw; anything else non-ASCII becomes `?` per column.
  static let asciiLookAlikes: [String: String] = [
    "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+",
    "…": "~", "—": "-", "·": ".", "→": ">", "←": "<", "↑": "^", "↓": "v",
    "▁": "_", "▂": ".", "▃": ":", "▄": "-", "▅": "=", "▆": "+", "▇": "*", "█": "#",
  ]

  /// The ASCII text of one cell: printable ASCII stays, known glyphs map to their look-alike,
  /// the rest (letters of other scripts, placeholders of hidden characters) becomes `?`.
  /// The empty right half of a wide character also becomes `?`, keeping the cell count.
  static func asciiCell(_ text: String) -> String {
    if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }), !text.isEmpty {
      return text
    }
    return asciiLookAlikes[text] ?? "?"
  }
}

extension ScreenBuffer {
  /// The same frame with every cell in printable ASCII (see `GlyphSet`), styles unchanged.
  public func inASCII() -> ScreenBuffer {
    var copy = self
    for index in copy.cells.indices {
      copy.cells[index].text = GlyphSet.asciiCell(copy.cells[index].text)
    }
    return copy
  }
}

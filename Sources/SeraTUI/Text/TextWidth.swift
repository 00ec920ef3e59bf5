import CNCurses

#if canImport(Glibc)
  import Glibc
#endif

/// glibc's `wcwidth`, through the shim that declares it.
private func systemWcwidth(_ character: Int32) -> Int32 { sera_wcwidth(character) }

/// Display widths of sanitised text, per grapheme cluster, as ncurses and the terminal count them.
public enum TextWidth {
  /// Switches the process to a UTF-8 character type (C.UTF-8 when the user's locale is not UTF-8)
  /// and returns the codeset of the user's own locale, which decides the glyph set.
  /// A locale that names UTF-8 but is not installed (`LANG=en_US.UTF-8` over SSH to a host
  /// that only has `C.UTF-8`) counts as UTF-8: the user's terminal speaks it either way.
  @discardableResult
  public static func ensureUTF8Locale() -> String {
    if setlocale(LC_ALL, "") == nil { setlocale(LC_CTYPE, "") }
    let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
    guard codeset.uppercased() != "UTF-8" else { return codeset }
    setlocale(LC_CTYPE, "C.UTF-8")
    return namesUTF8(requestedCharacterLocale()) ? "UTF-8" : codeset
  }

  /// The locale name that decides the character type, in POSIX order: LC_ALL, LC_CTYPE, LANG.
  static func requestedCharacterLocale() -> String {
    for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
      if let value = getenv(name), value.pointee != 0 { return String(cString: value) }
    }
    return ""
  }

  /// Whether a locale name such as `en_US.utf8` or `uk_UA.UTF-8@euro` asks for UTF-8.
  static func namesUTF8(_ locale: String) -> Bool {
    let codeset = locale.split(separator: ".").dropFirst().first?.split(separator: "@").first
    return codeset.map { $0.lowercased().filter { $0 != "-" } == "utf8" } ?? false
  }

  /// Columns one grapheme cluster takes: the sum of its scalars' wcwidth, never negative.
  public static func of(_ character: Character) -> Int {
    var total = 0
    for scalar in character.unicodeScalars {
      let width = Int(systemWcwidth(Int32(bitPattern: scalar.value)))
      // -1 means "not printable here"; the sanitiser already replaced controls, so count one cell.
      total += width < 0 ? 1 : width
    }
    return total
  }

  /// Columns a whole string takes.
  public static func of(_ text: String) -> Int {
    text.reduce(0) { $0 + of($1) }
  }

  /// The longest prefix that fits `columns`, ending in `…` when cut; never splits a cluster.
  public static func truncate(_ text: String, to columns: Int) -> String {
    guard columns > 0 else { return "" }
    if of(text) <= columns { return text }
    var result = ""
    var used = 0
    for character in text {
      let width = of(character)
      if used + width > columns - 1 { break }
      result.append(character)
      used += width
    }
    return result + "…"
  }

  /// `text` truncated and padded with spaces to exactly `columns`.
  public static func fit(_ text: String, to columns: Int) -> String {
    let cut = truncate(text, to: columns)
    return cut + String(repeating: " ", count: max(0, columns - of(cut)))
  }

  /// Wraps text into lines of at most `columns`, at spaces when possible; keeps explicit newlines.
  public static func wrap(_ text: String, to columns: Int) -> [String] {
    guard columns > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lines += wrapParagraph(String(paragraph), to: columns)
    }
    return lines
  }

  private static func wrapParagraph(_ text: String, to columns: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    var used = 0
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      let wordWidth = of(String(word))
      let gap = line.isEmpty ? 0 : 1
      if used + gap + wordWidth <= columns {
        line += (gap == 1 ? " " : "") + word
        used += gap + wordWidth
        continue
      }
      if !line.isEmpty { lines.append(line) }
      line = ""
      used = 0
      for character in word {
        let width = of(character)
        if used + width > columns {
          lines.append(line)
          line = ""
          used = 0
        }
        line.append(character)
        used += width
      }
    }
    lines.append(line)
    return lines
  }
}

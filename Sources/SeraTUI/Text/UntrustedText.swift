/// Turns untrusted text (drafts, sources, server errors) into text that is safe to draw: no control
/// character, escape sequence or bidi override ever reaches the terminal raw.
public enum UntrustedText {
  /// The result of sanitising: the safe text and whether anything hidden had to be made visible.
  public struct Sanitized: Equatable, Sendable {
    public var text: String
    /// True when the input held control, bidi or invisible characters (the review pane's badge).
    public var hadHiddenCharacters: Bool
  }

  /// Sanitises `raw`; with `keepNewlines`, line feeds stay line feeds (for wrapped bodies).
  public static func sanitize(_ raw: String, keepNewlines: Bool = false) -> Sanitized {
    var out = String.UnicodeScalarView()
    var hidden = false
    for scalar in raw.unicodeScalars {
      if keepNewlines && scalar == "\n" {
        out.append(scalar)
        continue
      }
      switch classify(scalar) {
      case .keep:
        out.append(scalar)
      case .drop:
        // Joiners and presentation selectors are dropped, not shown: ncurses and terminals
        // disagree on the width of the sequences they build, which moves borders.
        continue
      case .placeholder(let shown):
        hidden = true
        out.append(shown)
      }
    }
    return Sanitized(text: String(out), hadHiddenCharacters: hidden)
  }

  /// Sanitises to a single line, the form lists and headers use.
  public static func line(_ raw: String) -> String {
    sanitize(raw).text
  }

  enum Treatment: Equatable {
    case keep
    case drop
    case placeholder(Unicode.Scalar)
  }

  static func classify(_ scalar: Unicode.Scalar) -> Treatment {
    let value = scalar.value
    switch value {
    case 0x00..<0x20:
      // Control Pictures block: U+2400 + code shows ␛, ␍, ␉, ␇ ... in one cell.
      return .placeholder(Unicode.Scalar(0x2400 + value)!)
    case 0x7F:
      return .placeholder("\u{2421}")
    case 0x80..<0xA0:
      return .placeholder("\u{FFFD}")
    case 0x200D, 0xFE0E, 0xFE0F, 0x1F3FB...0x1F3FF:
      return .drop
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
      return .placeholder("\u{21C4}")
    case 0x00AD, 0x200B, 0x200C, 0x2060...0x2064, 0xFEFF, 0xFFF9...0xFFFB:
      return .placeholder("\u{00A4}")
    case 0x2028, 0x2029:
      return .placeholder("\u{21B5}")
    default:
      return .keep
    }
  }
}

/// Colours and attributes for each `Style`, read from a `key = value` theme file.
public struct Theme: Equatable, Sendable {
  /// How one style looks: colour numbers (-1 = the terminal's own) and attributes.
  public struct Look: Equatable, Sendable {
    public var foreground: Int16 = -1
    public var background: Int16 = -1
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false
  }

  public var name: String
  public var looks: [Style: Look]

  /// A theme problem: which line, and what was wrong.
  public struct ParseError: Error, Equatable {
    public var line: Int
    public var problem: String
  }

  /// The look of a style (plain when the theme does not mention it).
  public func look(_ style: Style) -> Look { looks[style] ?? Look() }

  /// The same theme with colours removed, for NO_COLOR and --no-color; attributes stay.
  public var monochrome: Theme {
    var copy = self
    for (style, look) in looks {
      copy.looks[style] = Look(
        bold: look.bold, reverse: look.reverse, underline: look.underline, dim: look.dim)
    }
    return copy
  }

  /// Parses `style = fg[/bg] [bold] [reverse] [underline] [dim]` lines; `#` starts a comment.
  public static func parse(_ text: String, name: String) throws(ParseError) -> Theme {
    var theme = Theme.builtIn
    theme.name = name
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line =
        raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      let trimmed = line.trimmed()
      if trimmed.isEmpty { continue }
      let halves = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmed() }
      guard halves.count == 2, let style = Style(rawValue: halves[0]) else {
        throw ParseError(
          line: index + 1, problem: "expected `style = colours`, e.g. `title = cyan bold`")
      }
      theme.looks[style] = try look(from: halves[1], line: index + 1)
    }
    return theme
  }

  private static func look(from value: String, line: Int) throws(ParseError) -> Look {
    var look = Look()
    for (position, word) in value.split(separator: " ").enumerated() {
      switch word {
      case "bold": look.bold = true
      case "reverse": look.reverse = true
      case "underline": look.underline = true
      case "dim": look.dim = true
      default:
        let colours = word.split(separator: "/").map(String.init)
        guard position == 0, let fg = colour(colours[0]),
          let bg = colours.count > 1 ? colour(colours[1]) : -1
        else {
          throw ParseError(line: line, problem: "unknown colour or attribute `\(word)`")
        }
        look.foreground = fg
        look.background = bg
      }
    }
    return look
  }

  static let colourNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

  static func colour(_ word: String) -> Int16? {
    if word == "default" { return -1 }
    if let index = colourNames.firstIndex(of: word) { return Int16(index) }
    if let number = Int16(word), (0...255).contains(number) { return number }
    return nil
  }

  /// The theme used when no file is given; it keeps the terminal's background.
  public static let builtIn = Theme(
    name: "default",
    looks: [
      .title: Look(foreground: 6, bold: true), .border: Look(foreground: 4),
      .selected: Look(bold: true, reverse: true), .up: Look(foreground: 2),
      .down: Look(foreground: 1, bold: true), .warning: Look(foreground: 3),
      .alert: Look(foreground: 1, bold: true), .stale: Look(foreground: 3, dim: true),
      .dim: Look(dim: true), .status: Look(), .footer: Look(reverse: true),
      .input: Look(underline: true),
    ])
}

extension StringProtocol {
  /// Without leading and trailing spaces, tabs and carriage returns.
  fileprivate func trimmed() -> String {
    let skip: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
    return String(String(self.drop(while: skip).reversed()).drop(while: skip).reversed())
  }
}

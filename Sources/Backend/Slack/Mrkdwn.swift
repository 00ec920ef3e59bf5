import Shared

/// Slack's mrkdwn: escaping untrusted text and splitting it into pieces a section can hold.
enum Mrkdwn {
  /// Text with `&`, `<` and `>` escaped as Slack requires, so `<!channel>` or `<@U1>` in a draft
  /// cannot ping anyone and a stray `<` cannot start a link.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.append(character)
      }
    }
    return out
  }

  /// The text a person typed, from the text of a slash command, in which Slack sends `&`, `<`
  /// and `>` as `&amp;`, `&lt;` and `&gt;` (`&amp;` last, so `&amp;lt;` stays `&lt;`).
  static func unescape(_ text: String) -> String {
    text.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&amp;", with: "&")
  }

  /// A length no Slack counting can exceed: the larger of code points and UTF-16 units.
  static func length(_ text: some StringProtocol) -> Int {
    max(text.unicodeScalars.count, text.utf16.count)
  }

  static func length(_ character: Character) -> Int {
    max(character.unicodeScalars.count, character.utf16.count)
  }

  /// Escaped pieces of `text`, each at most `limit` long, cut after the last whitespace
  /// when one lies in the last quarter of a piece, so no escape and no character is ever split.
  static func escapedChunks(_ text: String, limit: Int) -> [String] {
    var chunks: [String] = []
    var current = ""
    var used = 0
    var lastBreak: (index: String.Index, used: Int)?
    for character in text {
      let piece = escape(String(character))
      let size = length(piece)
      if used + size > limit {
        if let cut = lastBreak, cut.used >= limit * 3 / 4 {
          chunks.append(String(current[..<cut.index]))
          current = String(current[cut.index...])
          used -= cut.used
        } else {
          chunks.append(current)
          current = ""
          used = 0
        }
        lastBreak = nil
      }
      current += piece
      used += size
      if character.isWhitespace { lastBreak = (current.endIndex, used) }
    }
    if !current.isEmpty || chunks.isEmpty { chunks.append(current) }
    return chunks.filter { !$0.trimmed().isEmpty }
  }
}

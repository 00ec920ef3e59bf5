/// Escaping for Telegram's MarkdownV2, for text that carries no markup of its own.
enum MarkdownV2 {
  /// Characters MarkdownV2 reserves outside entities (Bot API "MarkdownV2 style").
  static let reserved: Set<Character> = [
    "_", "*", "[", "]", "(", ")", "~", "`", ">", "#", "+", "-", "=", "|", "{", "}", ".", "!",
    "\\",
  ]

  /// The text with a backslash before every reserved character, so it shows as written.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      if reserved.contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }
}

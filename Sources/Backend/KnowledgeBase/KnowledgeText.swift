import Shared

/// Text clean-up shared by every knowledge-base reader: line endings, byte order mark, front
/// matter.
public enum KnowledgeText {
  /// The text with CRLF and lone CR turned into LF and a leading byte order mark removed.
  public static func normalised(_ raw: String) -> String {
    var text = raw
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    // "\r\n" is one Character in Swift, so it must be replaced before lone "\r".
    return text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
  }

  /// Splits YAML front matter (`---` ... `---` at the very top) from the body; the simple
  /// `key: value` lines of it are returned with surrounding quotes removed.
  public static func frontMatter(_ text: String) -> (fields: [String: String], body: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.first?.trimmed() == "---",
      let end = lines.dropFirst().firstIndex(where: { $0.trimmed() == "---" })
    else { return ([:], text) }
    var fields: [String: String] = [:]
    for line in lines[1..<end] {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let key = line[..<colon].trimmed()
      var value = line[line.index(after: colon)...].trimmed()
      if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'",
        value.last == quote
      {
        value = String(value.dropFirst().dropLast())
      }
      if !key.isEmpty { fields[key] = value }
    }
    let body = lines[(end + 1)...].joined(separator: "\n")
    return (fields, body)
  }

  /// The document's title: front matter `title`, else its first `#` heading, else the file name.
  public static func title(fields: [String: String], body: String, path: String) -> String {
    if let title = fields["title"], !title.isEmpty { return title }
    for line in body.split(separator: "\n") where line.hasPrefix("# ") {
      return line.dropFirst(2).trimmed()
    }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return name.split(separator: ".").first.map(String.init) ?? name
  }
}

/// Turns an HTML element tree into plain text a reader (or an embedder) can use.
enum HTMLTextRenderer {
  /// Elements whose content is never page text.
  static let skipped: Set<String> = [
    "script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas",
  ]
  /// Elements that start a new line of text.
  static let blocks: Set<String> = [
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "figure",
    "figcaption", "main", "nav", "aside", "hr", "address", "caption", "form", "fieldset",
  ]

  static func render(_ element: XMLElement) -> String {
    var lines: [String] = []
    var current = ""
    walk(element, lines: &lines, current: &current)
    lines.append(current)
    return lines.map(collapsed).filter { !$0.isEmpty }.joined(separator: "\n")
  }

  private static func walk(_ element: XMLElement, lines: inout [String], current: inout String) {
    for child in element.children {
      switch child {
      case .text(let text): current += text
      case .element(let inner):
        if skipped.contains(inner.name) { continue }
        let isBlock = blocks.contains(inner.name)
        if isBlock { breakLine(&lines, &current) }
        // Table cells sit side by side: a space keeps their words apart.
        if inner.name == "td" || inner.name == "th" { current += " " }
        walk(inner, lines: &lines, current: &current)
        if isBlock { breakLine(&lines, &current) }
      }
    }
  }

  private static func breakLine(_ lines: inout [String], _ current: inout String) {
    lines.append(current)
    current = ""
  }

  /// The text with every run of whitespace (including no-break space) turned into one space.
  static func collapsed(_ text: String) -> String {
    var result = ""
    var pendingSpace = false
    for character in text {
      if character.isWhitespace {
        pendingSpace = !result.isEmpty
      } else {
        if pendingSpace { result.append(" ") }
        pendingSpace = false
        result.append(character)
      }
    }
    return result
  }
}

import Shared

/// A unit of Markdown the chunker never cuts: a heading, a paragraph, a whole list, a whole table
/// or a whole fenced code block.
struct MarkdownBlock: Equatable {
  enum Kind: Equatable {
    case heading(level: Int)
    case paragraph
    case list
    case table
    case code
  }

  var kind: Kind
  var text: String

  /// Cuts a Markdown body into blocks; blank lines end paragraphs, but never lists, tables or
  /// code fences.
  static func parse(_ body: String) -> [MarkdownBlock] {
    var blocks: [MarkdownBlock] = []
    var current: [Substring] = []
    var inFence = false

    func flush() {
      guard !current.isEmpty else { return }
      blocks.append(MarkdownBlock(kind: kind(of: current), text: current.joined(separator: "\n")))
      current = []
    }

    for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmed()
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        if !inFence { flush() }
        current.append(line)
        if inFence { flush() }
        inFence.toggle()
      } else if inFence {
        current.append(line)
      } else if trimmed.isEmpty {
        flush()
      } else if let level = headingLevel(trimmed) {
        flush()
        blocks.append(MarkdownBlock(kind: .heading(level: level), text: trimmed))
      } else {
        current.append(line)
      }
    }
    flush()
    return mergeSplitLists(blocks)
  }

  /// The heading's text without its `#` marks.
  var headingText: String {
    String(text.drop(while: { $0 == "#" })).trimmed()
  }

  /// Whether a block is a list or table, which must stay whole even when it is long.
  var isIndivisible: Bool { kind == .list || kind == .table || kind == .code }

  private static func headingLevel(_ line: String) -> Int? {
    let marks = line.prefix(while: { $0 == "#" }).count
    guard (1...6).contains(marks), line.dropFirst(marks).first == " " else { return nil }
    return marks
  }

  private static func kind(of lines: [Substring]) -> Kind {
    let first = lines[0].trimmed()
    if first.hasPrefix("```") || first.hasPrefix("~~~") { return .code }
    if lines.allSatisfy({ $0.trimmed().hasPrefix("|") }) { return .table }
    // A lead-in line followed by items ("Symptoms include:" + "- ...") is a list too, so the
    // lead-in stays with its items.
    if lines.dropFirst().contains(where: { isListItem($0) }) || isListItem(lines[0]) {
      return .list
    }
    return .paragraph
  }

  static func isListItem(_ line: Substring) -> Bool {
    let text = line.drop(while: { $0 == " " })
    if text.hasPrefix("- ") || text.hasPrefix("* ") || text.hasPrefix("+ ") { return true }
    let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
    guard !digits.isEmpty else { return false }
    let rest = text.dropFirst(digits.count)
    return rest.hasPrefix(". ") || rest.hasPrefix(") ")
  }

  /// Joins list items separated by blank lines ("loose" lists) back into one list block.
  private static func mergeSplitLists(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
    var merged: [MarkdownBlock] = []
    for block in blocks {
      if block.kind == .list, let last = merged.last, last.kind == .list,
        isListItem(Substring(block.text))
      {
        merged[merged.count - 1].text += "\n" + block.text
      } else {
        merged.append(block)
      }
    }
    return merged
  }
}

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
      blocks += split(current)
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

  /// A lead-in longer than this is a paragraph of its own, not the introduction of a list.
  static let leadInLimit = 300

  /// The blocks of a run of non-blank lines: one paragraph, table, code block or list, or a long
  /// paragraph followed by a list.
  private static func split(_ lines: [Substring]) -> [MarkdownBlock] {
    let text = lines.joined(separator: "\n")
    let first = lines[0].trimmed()
    if first.hasPrefix("```") || first.hasPrefix("~~~") {
      return [MarkdownBlock(kind: .code, text: text)]
    }
    if lines.allSatisfy({ $0.trimmed().hasPrefix("|") }) {
      return [MarkdownBlock(kind: .table, text: text)]
    }
    guard let firstItem = lines.firstIndex(where: { isListItem($0) }) else {
      return [MarkdownBlock(kind: .paragraph, text: text)]
    }
    // A short lead-in ("Symptoms include:") stays with its items.
    let lead = lines[..<firstItem].joined(separator: "\n")
    if lead.count <= leadInLimit { return [MarkdownBlock(kind: .list, text: text)] }
    return [
      MarkdownBlock(kind: .paragraph, text: lead),
      MarkdownBlock(kind: .list, text: lines[firstItem...].joined(separator: "\n")),
    ]
  }

  /// The items of a list (an item with its continuation lines) or the rows of a table.
  var items: [String] {
    var items: [String] = []
    for line in text.split(separator: "\n") {
      if items.isEmpty || MarkdownBlock.isListItem(line) || kind == .table {
        items.append(String(line))
      } else {
        items[items.count - 1] += "\n" + line
      }
    }
    return items
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

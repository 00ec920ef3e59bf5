import Shared

/// Cuts a guideline into passages along its structure: each heading stays with its paragraphs,
/// lists and tables are never cut, and passages aim at `minimumLength`...`maximumLength`
/// characters so one passage answers one question.
public struct MarkdownChunker: Sendable {
  /// Bumped when the cutting rules change, so every document is re-chunked on the next sync.
  public static let version = "markdown-1"
  /// Below this a passage takes in the next section too: a lone short answer retrieves poorly.
  public let minimumLength: Int
  /// Above this a passage is closed; only an indivisible list or table may exceed it.
  public let maximumLength: Int

  /// A chunker with the given length window (characters).
  public init(minimumLength: Int = 800, maximumLength: Int = 1200) {
    self.minimumLength = minimumLength
    self.maximumLength = maximumLength
  }

  /// The passages of a Markdown or plain-text body (front matter already removed).
  public func chunks(of body: String) -> [(heading: String, content: String)] {
    var builder = PassageBuilder(minimum: minimumLength, maximum: maximumLength)
    var headings: [(level: Int, text: String)] = []
    var pendingHeadings: [String] = []

    for block in MarkdownBlock.parse(body) {
      if case .heading(let level) = block.kind {
        headings.removeAll { $0.level >= level }
        headings.append((level, block.headingText))
        pendingHeadings.append(block.headingText)
        continue
      }
      let heading = headings.last?.text ?? ""
      var blockPieces = pieces(of: block)[...]
      if !pendingHeadings.isEmpty, let first = blockPieces.popFirst() {
        // A new section: its heading lines travel with its first block, never alone.
        let lead = pendingHeadings.joined(separator: "\n")
        pendingHeadings = []
        builder.startSection(heading: heading, lead: lead, firstBlock: first)
      }
      for piece in blockPieces { builder.add(piece, heading: heading) }
    }
    return builder.finish()
  }

  /// A block cut to fit: paragraphs longer than the maximum split at sentence ends; lists and
  /// tables stay whole up to `indivisibleLimit`, and beyond it are cut only between items.
  private func pieces(of block: MarkdownBlock) -> [String] {
    guard block.text.count > maximumLength else { return [block.text] }
    guard block.isIndivisible else {
      return SentenceSplitter.pack(block.text, maximum: maximumLength)
    }
    guard block.text.count > indivisibleLimit, block.kind != .code else { return [block.text] }
    var pieces: [String] = []
    var current = ""
    for item in block.items {
      if !current.isEmpty && current.count + 1 + item.count > maximumLength {
        pieces.append(current)
        current = ""
      }
      if item.count > maximumLength {
        pieces += SentenceSplitter.pack(item, maximum: maximumLength)
      } else {
        current = current.isEmpty ? item : current + "\n" + item
      }
    }
    if !current.isEmpty { pieces.append(current) }
    return pieces
  }

  /// Lists and tables up to twice the maximum stay whole; longer ones are source artefacts
  /// (whole articles inside one list) that would make a passage no search can rank well.
  private var indivisibleLimit: Int { 2 * maximumLength }
}

/// Accumulates blocks into passages under the length window.
private struct PassageBuilder {
  let minimum: Int
  let maximum: Int
  private(set) var passages: [(heading: String, content: String)] = []
  private var parts: [String] = []
  private var size = 0
  private var heading = ""

  init(minimum: Int, maximum: Int) {
    self.minimum = minimum
    self.maximum = maximum
  }

  mutating func startSection(heading: String, lead: String, firstBlock: String) {
    let unit = lead + "\n\n" + firstBlock
    if size >= minimum || size + unit.count > maximum { flush() }
    if parts.isEmpty { self.heading = heading }
    append(unit)
  }

  mutating func add(_ text: String, heading: String) {
    if size + text.count > maximum { flush() }
    if parts.isEmpty { self.heading = heading }
    append(text)
  }

  mutating func finish() -> [(heading: String, content: String)] {
    flush()
    // A short tail (an attribution line such as "NIH: National Institute of Mental Health")
    // belongs to the passage before it, not in a passage of its own.
    if passages.count >= 2, passages[passages.count - 1].content.count < minimum / 4 {
      let tail = passages.removeLast()
      passages[passages.count - 1].content += "\n\n" + tail.content
    }
    return passages
  }

  private mutating func append(_ text: String) {
    parts.append(text)
    size += text.count + 2
  }

  private mutating func flush() {
    let content = parts.joined(separator: "\n\n").trimmed()
    if !content.isEmpty { passages.append((heading, content)) }
    parts = []
    size = 0
  }
}

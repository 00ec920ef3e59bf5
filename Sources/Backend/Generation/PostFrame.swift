import Shared

/// The fixed parts of a post around its evidence sentences, and the checks that keep the whole
/// within the platform's limit.
struct PostFrame {
  var opening: String
  var closing: String?
  var hashtags: [String]
  var note: String
  var platform: Platform

  /// Whether the post with these sentences stays within the platform's limit as it stands.
  func fits(_ sentences: [KeySentence]) -> Bool {
    isWithinLimit(assemble(body: lines(of: sentences)))
  }

  /// The sentence cut at a word boundary (with "…") so the post fits, or nil if nothing fits.
  func shortened(_ sentence: KeySentence) -> KeySentence? {
    var words = sentence.text.split(separator: " ").map(String.init)
    while words.count > 3 {
      words.removeLast()
      var candidate = sentence
      candidate.text = words.joined(separator: " ") + "…"
      if fits([candidate]) { return candidate }
    }
    return nil
  }

  /// The post with these sentences, each followed by its citation.
  func render(sentences: [KeySentence]) -> String {
    render(body: lines(of: sentences))
  }

  /// The post around the given body lines; a topic too long for the platform is cut, the
  /// offline note never.
  func render(body: [String]) -> String {
    var frame = self
    var text = frame.assemble(body: body)
    while !isWithinLimit(text), let shorter = frame.shortenedOpening() {
      frame.opening = shorter
      text = frame.assemble(body: body)
    }
    return text
  }

  private func lines(of sentences: [KeySentence]) -> [String] {
    // Sentences keep their sources' order, so the post reads like the sources do.
    sentences.sorted { ($0.sourceNumber, $0.position) < ($1.sourceNumber, $1.position) }
      .map { "\($0.text) [\($0.sourceNumber)]" }
  }

  private func assemble(body: [String]) -> String {
    // Telegram posts are read as paragraphs; short platforms run the sentences together.
    let bodyText = body.joined(separator: platform == .telegram ? "\n\n" : " ")
    let ending = ([closing].compactMap { $0 } + hashtags).joined(separator: " ")
    return [opening, bodyText, ending, note].filter { !$0.isEmpty }.joined(separator: "\n\n")
  }

  private func isWithinLimit(_ text: String) -> Bool {
    PlatformTextMetrics.length(of: text, on: platform) <= platform.characterLimit
  }

  private func shortenedOpening() -> String? {
    guard opening.count > 20, let space = opening.dropLast(2).lastIndex(of: " ") else {
      return nil
    }
    return String(opening[..<space]) + "…"
  }
}

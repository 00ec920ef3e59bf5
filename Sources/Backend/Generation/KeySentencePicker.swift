import Shared

/// A sentence of the evidence worth quoting, with the citation number of its source.
struct KeySentence: Equatable {
  var text: String
  /// `[n]`: the 1-based index of the evidence it comes from.
  var sourceNumber: Int
  /// Its position within that evidence, to keep the source's own order.
  var position: Int
  var score: Double
}

/// Chooses the sentences of the evidence that say most about the topic.
enum KeySentencePicker {
  /// Shorter sentences are usually fragments; longer ones do not fit a short post.
  static let lengthRange = 40...260
  /// At most this many sentences from one source, so a post rests on more than one.
  static let perSource = 2

  /// Candidate sentences, best first.
  static func candidates(topic: String, evidence: [RetrievedChunk]) -> [KeySentence] {
    let keywords = TextTokens.keywords(topic)
    var picked: [KeySentence] = []
    for (index, chunk) in evidence.enumerated() {
      let sentences = prose(of: chunk).enumerated().compactMap { position, sentence in
        score(sentence, position: position, keywords: keywords).map {
          KeySentence(text: sentence, sourceNumber: index + 1, position: position, score: $0)
        }
      }
      picked += sentences.sorted { $0.score > $1.score }.prefix(perSource)
    }
    return picked.sorted {
      $0.score != $1.score
        ? $0.score > $1.score : ($0.sourceNumber, $0.position) < ($1.sourceNumber, $1.position)
    }
  }

  /// The sentences of a chunk's running text: headings, list items and lead-ins left out.
  private static func prose(of chunk: RetrievedChunk) -> [String] {
    let lines = chunk.content.split(separator: "\n").map { $0.trimmed() }
    let paragraphs = lines.filter { line in
      !line.isEmpty && line != chunk.heading && !line.hasSuffix("?") && !line.hasSuffix(":")
        && !MarkdownBlock.isListItem(Substring(line)) && !line.hasPrefix("#")
        && !line.hasPrefix("|")
    }
    // Sources carry runs of spaces where markup was removed; a post should not.
    return paragraphs.flatMap(SentenceSplitter.sentences).map {
      $0.split(separator: " ").joined(separator: " ")
    }
  }

  /// Keyword overlap with the topic plus a small bonus for coming early (sources lead with
  /// their definition); nil for sentences not worth quoting.
  private static func score(_ sentence: String, position: Int, keywords: [String]) -> Double? {
    guard lengthRange.contains(sentence.count), !sentence.hasSuffix("?"),
      sentence.first?.isUppercase ?? false, ".!".contains(sentence.last ?? " ")
    else { return nil }
    let overlap = TextTokens.overlap(topic: keywords, text: TextTokens.keywords(sentence))
    return overlap + 0.1 / Double(1 + position)
  }
}

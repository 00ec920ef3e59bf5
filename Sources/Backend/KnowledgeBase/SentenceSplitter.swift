import Shared

/// Splits prose at sentence ends (`.`, `!`, `?`, `…` followed by white space).
public enum SentenceSplitter {
  /// The sentences of a text, trimmed, in order.
  public static func sentences(_ text: String) -> [String] {
    var sentences: [String] = []
    var current = ""
    var previousEndsSentence = false
    for character in text {
      if previousEndsSentence && character.isWhitespace {
        appendTrimmed(current, to: &sentences)
        current = ""
      }
      current.append(character)
      previousEndsSentence = ".!?…".contains(character)
    }
    appendTrimmed(current, to: &sentences)
    return sentences
  }

  /// Sentences grouped into pieces of at most `maximum` characters; a single longer sentence
  /// is cut at a word boundary.
  static func pack(_ text: String, maximum: Int) -> [String] {
    var pieces: [String] = []
    var current = ""
    for sentence in sentences(text).flatMap({ hardSplit($0, maximum: maximum) }) {
      if !current.isEmpty && current.count + 1 + sentence.count > maximum {
        pieces.append(current)
        current = ""
      }
      current = current.isEmpty ? sentence : current + " " + sentence
    }
    if !current.isEmpty { pieces.append(current) }
    return pieces
  }

  private static func hardSplit(_ sentence: String, maximum: Int) -> [String] {
    guard sentence.count > maximum else { return [sentence] }
    var pieces: [String] = []
    var current = ""
    for word in sentence.split(separator: " ") {
      if !current.isEmpty && current.count + 1 + word.count > maximum {
        pieces.append(current)
        current = ""
      }
      current = current.isEmpty ? String(word) : current + " " + word
    }
    if !current.isEmpty { pieces.append(current) }
    return pieces
  }

  private static func appendTrimmed(_ text: String, to sentences: inout [String]) {
    let trimmed = text.trimmed()
    if !trimmed.isEmpty { sentences.append(trimmed) }
  }
}

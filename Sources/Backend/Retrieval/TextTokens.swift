/// Word-level text handling shared by the embedder, full-text queries and the composer.
public enum TextTokens {
  /// Lower-cased words (letters and digits, apostrophes inside a word kept), in order.
  public static func words(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    for character in text.lowercased() {
      if character.isLetter || character.isNumber {
        current.append(character)
      } else if isApostrophe(character), !current.isEmpty {
        current.append("'")
      } else {
        appendWord(current, to: &words)
        current = ""
      }
    }
    appendWord(current, to: &words)
    return words
  }

  /// Words that carry meaning: stop words and one-letter words removed.
  public static func keywords(_ text: String) -> [String] {
    words(text).filter { $0.count > 1 && !stopWords.contains($0) }
  }

  /// Whether two keywords name the same thing, allowing for inflection ("sleep"/"sleeping",
  /// "сон"/"сну" do not match, but "депресія"/"депресії" do) by a shared prefix of five letters.
  public static func related(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    let stem = 5
    guard a.count >= stem, b.count >= stem else { return false }
    return a.prefix(stem) == b.prefix(stem)
  }

  /// The share of `topic` keywords that some word of `text` is related to, 0...1.
  public static func overlap(topic: [String], text: [String]) -> Double {
    guard !topic.isEmpty else { return 0 }
    let textSet = Set(text)
    let found = topic.filter { word in
      textSet.contains(word) || textSet.contains(where: { related(word, $0) })
    }
    return Double(found.count) / Double(topic.count)
  }

  /// Frequent English and Ukrainian function words, which say nothing about a topic.
  public static let stopWords: Set<String> = [
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do", "does", "for",
    "from", "has", "have", "how", "if", "in", "into", "is", "it", "its", "may", "more", "not",
    "of", "on", "or", "our", "so", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "to", "was", "we", "were", "what", "when", "which", "who", "why",
    "will", "with", "you", "your", "about", "also", "all", "some", "such", "other", "one",
    "і", "й", "та", "в", "у", "на", "з", "із", "зі", "до", "від", "для", "що", "як", "це", "не",
    "але", "або", "чи", "по", "за", "при", "про", "ми", "ви", "він", "вона", "вони", "його",
    "її", "їх", "є", "так", "же", "би", "ще", "вже", "також", "який", "яка", "які", "цей",
  ]

  private static func isApostrophe(_ character: Character) -> Bool {
    character == "'" || character == "\u{2019}" || character == "\u{02BC}"
  }

  private static func appendWord(_ word: String, to words: inout [String]) {
    var word = word
    while word.last == "'" { word.removeLast() }
    if !word.isEmpty { words.append(word) }
  }
}

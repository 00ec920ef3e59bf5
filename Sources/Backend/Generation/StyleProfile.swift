/// What the physician's past posts have in common, as far as plain counting can tell: emoji,
/// hashtags, a habitual call to action, and length.
struct StyleProfile: Equatable {
  /// A habit counts when at least this share of the samples shows it.
  static let habitShare = 0.3
  /// First words of sentences that invite the reader to act, in both post languages.
  static let actionVerbs: Set<String> = [
    "learn", "read", "find", "check", "visit", "see", "talk", "ask", "get", "view", "join",
    "дізнайтеся", "читайте", "зверніться", "перевірте", "запитайте",
  ]

  /// The emoji the physician uses most, when they use emoji habitually.
  var emoji: String?
  /// Hashtags used, most frequent first, when hashtags are a habit.
  var hashtags: [String]
  /// The most common opening words of a call to action ("Learn more"), if any.
  var callToAction: String?
  /// Median length of a post in characters.
  var medianLength: Int

  init(samples: [String]) {
    let texts = samples.map(Self.decodeEntities)
    let share = { (count: Int) in texts.isEmpty ? 0 : Double(count) / Double(texts.count) }
    let emojis = texts.map(Self.emojis)
    let tags = texts.map(Self.hashtags)
    emoji =
      share(emojis.filter { !$0.isEmpty }.count) >= Self.habitShare
      ? Self.mostFrequent(emojis.flatMap { $0 }) : nil
    hashtags =
      share(tags.filter { !$0.isEmpty }.count) >= Self.habitShare
      ? Self.byFrequency(tags.flatMap { $0 }) : []
    callToAction = Self.mostFrequent(texts.compactMap(Self.callToAction))
    let lengths = texts.map(\.count).sorted()
    medianLength = lengths.isEmpty ? 0 : lengths[lengths.count / 2]
  }

  /// Up to `limit` of the physician's hashtags that relate to the topic's keywords.
  func hashtags(relatedTo keywords: [String], limit: Int) -> [String] {
    let related = hashtags.filter { tag in
      let words = TextTokens.words(tag)
      return words.contains { word in keywords.contains { TextTokens.related(word, $0) } }
    }
    return Array(related.prefix(limit))
  }

  private static func emojis(_ text: String) -> [String] {
    text.filter { character in
      character.unicodeScalars.contains { $0.properties.isEmojiPresentation }
    }.map(String.init)
  }

  private static func hashtags(_ text: String) -> [String] {
    text.split(whereSeparator: \.isWhitespace).compactMap { word in
      guard word.hasPrefix("#") else { return nil }
      let tag = word.prefix { $0 == "#" || $0.isLetter || $0.isNumber || $0 == "_" }
      return tag.count > 1 ? String(tag) : nil
    }
  }

  private static func callToAction(_ text: String) -> String? {
    for sentence in SentenceSplitter.sentences(text) {
      let words = sentence.split(separator: " ").prefix(2)
      guard let first = words.first, actionVerbs.contains(first.lowercased()) else { continue }
      return words.joined(separator: " ").filter { $0.isLetter || $0 == " " }
    }
    return nil
  }

  private static func mostFrequent(_ items: [String]) -> String? {
    byFrequency(items).first
  }

  /// Items by descending count; ties keep first appearance so the result is reproducible.
  private static func byFrequency(_ items: [String]) -> [String] {
    var counts: [String: Int] = [:]
    var order: [String] = []
    for item in items {
      if counts[item] == nil { order.append(item) }
      counts[item, default: 0] += 1
    }
    return order.enumerated().sorted {
      counts[$0.element]! != counts[$1.element]!
        ? counts[$0.element]! > counts[$1.element]! : $0.offset < $1.offset
    }.map(\.element)
  }

  /// The few HTML entities the Twitter API leaves in post texts.
  static func decodeEntities(_ text: String) -> String {
    text.replacing("&lt;", with: "<").replacing("&gt;", with: ">")
      .replacing("&quot;", with: "\"").replacing("&#39;", with: "'").replacing("&amp;", with: "&")
  }
}

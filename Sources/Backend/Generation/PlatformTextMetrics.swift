import Shared

/// Post length as each platform counts it.
public enum PlatformTextMetrics {
  /// Every URL counts as this many on X, whatever its length (t.co wrapping; twitter-text v3).
  public static let twitterURLWeight = 23
  /// Code points X weighs 1 (twitter-text config v3 ranges); every other code point weighs 2.
  static let twitterLightRanges: [ClosedRange<UInt32>] = [
    0...4351, 8192...8205, 8208...8223, 8242...8247,
  ]

  /// The length of `text` in the platform's own unit.
  public static func length(of text: String, on platform: Platform) -> Int {
    switch platform {
    case .telegram: return text.utf16.count
    // Threads' 500 is counted here in code points, which is never less than what a person sees.
    case .threads: return text.unicodeScalars.count
    case .twitter: return twitterWeightedLength(text)
    }
  }

  /// The unit `length(of:on:)` counts in, for messages.
  public static func unitName(for platform: Platform) -> String {
    switch platform {
    case .telegram: return "UTF-16 units"
    case .threads: return "characters"
    case .twitter: return "weighted characters"
    }
  }

  /// X's weighted length, simplified: URLs (`http://`, `https://`) weigh 23, code points in the
  /// light ranges 1, all others 2. No NFC normalisation and no emoji-sequence rule, so an emoji
  /// sequence counts at least as much as X counts it.
  public static func twitterWeightedLength(_ text: String) -> Int {
    var total = 0
    var word = ""
    for character in text {
      if character.isWhitespace {
        total += weightOfWord(word) + weight(of: character)
        word = ""
      } else {
        word.append(character)
      }
    }
    return total + weightOfWord(word)
  }

  private static func weightOfWord(_ word: String) -> Int {
    let lowered = word.lowercased()
    guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
      return word.reduce(0) { $0 + weight(of: $1) }
    }
    // Closing punctuation after a link is not part of it.
    let trailing = word.reversed().prefix(while: { ".,;:!?)\"'".contains($0) })
    return twitterURLWeight + trailing.reduce(0) { $0 + weight(of: $1) }
  }

  private static func weight(of character: Character) -> Int {
    character.unicodeScalars.reduce(0) { sum, scalar in
      sum + (twitterLightRanges.contains { $0.contains(scalar.value) } ? 1 : 2)
    }
  }
}

import Shared

/// Post length as each platform counts it: the one place Sera measures platform text.
public enum PlatformTextMetrics {
  /// Every URL counts as this many on X, whatever its length (t.co wrapping; twitter-text v3).
  public static let twitterURLWeight = TwitterText.Configuration.v3.transformedURLLength

  /// The length of `text` in the platform's own unit.
  public static func length(of text: String, on platform: Platform) -> Int {
    switch platform {
    case .telegram: return text.utf16.count
    case .threads: return threadsLength(text)
    case .twitter: return TwitterText.weightedLength(text)
    }
  }

  /// Whether `text` fits in one post on `platform`.
  public static func fits(_ text: String, on platform: Platform) -> Bool {
    length(of: text, on: platform) <= platform.characterLimit
  }

  /// The unit `length(of:on:)` counts in, for messages.
  public static func unitName(for platform: Platform) -> String {
    switch platform {
    case .telegram: return "UTF-16 units"
    case .threads: return "characters"
    case .twitter: return "weighted characters"
    }
  }

  /// X's weighted length per twitter-text v3 (kept for callers of the first round).
  public static func twitterWeightedLength(_ text: String) -> Int {
    TwitterText.weightedLength(text)
  }

  /// Threads' count: Meta documents that an emoji counts its UTF-8 bytes; other characters are
  /// counted here as code points, which never undercounts what a person sees. Any non-ASCII
  /// emoji-capable grapheme is charged its bytes, so a text-style `❤` counts 3, erring long.
  static func threadsLength(_ text: String) -> Int {
    text.reduce(0) { total, character in
      let first = character.unicodeScalars.first!
      let isEmoji = first.properties.isEmoji && !first.isASCII
      return total + (isEmoji ? character.utf8.count : character.unicodeScalars.count)
    }
  }
}

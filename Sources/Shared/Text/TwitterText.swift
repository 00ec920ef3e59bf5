/// X's weighted post length, computed the way the twitter-text library (config v3) computes it:
/// NFC first, every URL counts as 23, an emoji sequence as 2, other code points by range.
public enum TwitterText {
  /// One counting configuration of twitter-text (`config/v2.json`, `config/v3.json`).
  public struct Configuration: Sendable {
    /// The most weighted characters a valid post may have.
    public var maxWeightedLength: Int
    /// Weights are stored multiplied by this.
    public var scale: Int
    /// The weight of a code point outside every range.
    public var defaultWeight: Int
    /// What one URL weighs, before scaling, whatever its real length (t.co wrapping).
    public var transformedURLLength: Int
    /// Whether an emoji sequence counts once at the default weight.
    public var emojiParsingEnabled: Bool
    /// Code point ranges with their own weight.
    public var ranges: [(range: ClosedRange<UInt32>, weight: Int)]

    /// `config/v3.json` of twitter-text: what X counts with today.
    public static let v3 = Configuration(
      maxWeightedLength: 280, scale: 100, defaultWeight: 200, transformedURLLength: 23,
      emojiParsingEnabled: true,
      ranges: [(0...4351, 100), (8192...8205, 100), (8208...8223, 100), (8242...8247, 100)])

    /// `config/v2.json`: the same weights without emoji parsing (twitter-text's older rule).
    public static let v2: Configuration = {
      var configuration = v3
      configuration.emojiParsingEnabled = false
      return configuration
    }()
  }

  /// Code points that make a post invalid wherever they appear (twitter-text's invalid chars).
  static let invalidScalars: Set<UInt32> = [0xFFFE, 0xFEFF, 0xFFFF]

  /// The weighted length of `text`, in characters as X shows them (280 is the limit).
  public static func weightedLength(_ text: String, configuration: Configuration = .v3) -> Int {
    scaledWeight(of: normalized(text), configuration: configuration) / configuration.scale
  }

  /// Whether X accepts `text` as one post: not empty, within the limit, no invalid character.
  public static func isValid(_ text: String, configuration: Configuration = .v3) -> Bool {
    let form = normalized(text)
    guard !form.isEmpty else { return false }
    guard !form.unicodeScalars.contains(where: { invalidScalars.contains($0.value) }) else {
      return false
    }
    let length = scaledWeight(of: form, configuration: configuration) / configuration.scale
    return length <= configuration.maxWeightedLength
  }

  /// The text in Unicode normalisation form C, as twitter-text counts it.
  static func normalized(_ text: String) -> String {
    // The standard library's NFC (also used for String hashing); FoundationEssentials has none.
    String(decoding: text._nfcCodeUnits, as: UTF8.self)
  }

  private static func scaledWeight(of text: String, configuration: Configuration) -> Int {
    let scalars = Array(text.unicodeScalars)
    var urlEnds: [Int: Int] = [:]
    for url in TwitterTextURLs.ranges(in: scalars) { urlEnds[url.lowerBound] = url.upperBound }
    let emojiEnds = configuration.emojiParsingEnabled ? emojiSequences(in: text) : [:]
    let urlWeight = configuration.transformedURLLength * configuration.scale
    var total = 0
    var index = 0
    while index < scalars.count {
      if let end = urlEnds[index] {
        total += urlWeight
        index = end
      } else if let end = emojiEnds[index] {
        total += configuration.defaultWeight
        index = end
      } else {
        total += weight(of: scalars[index], configuration)
        index += 1
      }
    }
    return total
  }

  private static func weight(of scalar: Unicode.Scalar, _ configuration: Configuration) -> Int {
    configuration.ranges.first { $0.range.contains(scalar.value) }?.weight
      ?? configuration.defaultWeight
  }

  /// Emoji sequences of more than one code point, by start offset (in code points) to end.
  ///
  /// A single code point needs no entry: every emoji code point outside the weight-1 ranges
  /// already weighs the default. Limitation: `©` and `®` alone count 1 here; twitter-text's emoji
  /// pattern may count them 2. Sequences are found by grapheme clusters and Unicode emoji
  /// properties rather than twemoji's pattern, which agrees on every conformance case.
  private static func emojiSequences(in text: String) -> [Int: Int] {
    var ends: [Int: Int] = [:]
    var offset = 0
    for character in text {
      let count = character.unicodeScalars.count
      if count > 1, isEmojiSequence(character) { ends[offset] = offset + count }
      offset += count
    }
    return ends
  }

  private static func isEmojiSequence(_ character: Character) -> Bool {
    let scalars = Array(character.unicodeScalars)
    guard let first = scalars.first, first.properties.isEmoji else { return false }
    return scalars.dropFirst().contains { scalar in
      scalar.properties.isEmojiModifier || sequenceJoiners.contains(scalar.value)
        || (0xE0020...0xE007F).contains(scalar.value) || isRegionalIndicator(scalar)
    }
  }

  // ZERO WIDTH JOINER, VARIATION SELECTOR-16, COMBINING ENCLOSING KEYCAP.
  private static let sequenceJoiners: Set<UInt32> = [0x200D, 0xFE0F, 0x20E3]

  private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
    (0x1F1E6...0x1F1FF).contains(scalar.value)
  }
}

extension TwitterText {
  /// The text (NFC) with each URL replaced by one placeholder, to compare a post with how X
  /// shows it after wrapping its links in t.co.
  public static func maskingURLs(_ text: String) -> String {
    let scalars = Array(normalized(text).unicodeScalars)
    var out = String.UnicodeScalarView()
    var index = 0
    for url in TwitterTextURLs.ranges(in: scalars) {
      out.append(contentsOf: scalars[index..<url.lowerBound])
      out.append("\u{FFFC}")
      index = url.upperBound
    }
    out.append(contentsOf: scalars[index...])
    return String(out)
  }
}

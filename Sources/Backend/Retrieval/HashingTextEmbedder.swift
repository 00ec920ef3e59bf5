/// A deterministic local embedder that needs no model: lower-cased word unigrams and character
/// trigrams are hashed (FNV-1a 64, signed) into a fixed number of dimensions and L2-normalised.
///
/// It captures shared vocabulary and word stems (trigrams make "sleep" close to "sleeping" and
/// "депресія" close to "депресії"), not meaning: synonyms without shared letters score low.
public struct HashingTextEmbedder: TextEmbedder {
  /// With 384 dimensions hash collisions alone gave unrelated queries cosines near 0.2 against
  /// long chunks; 1024 keeps that noise near 0.1 while a vector is still only 4 KB in `real[]`.
  public static let defaultDimensions = 1024
  /// Whole words say more than trigrams, which mostly repair inflection.
  static let wordWeight: Float = 1.0
  static let trigramWeight: Float = 0.35

  public let dimensions: Int

  /// An embedder with the given number of dimensions.
  public init(dimensions: Int = HashingTextEmbedder.defaultDimensions) {
    self.dimensions = dimensions
  }

  public func embed(_ texts: [String]) throws -> [[Float]] {
    texts.map(vector(of:))
  }

  private func vector(of text: String) -> [Float] {
    var vector = [Float](repeating: 0, count: dimensions)
    var counts: [String: Int] = [:]
    for word in TextTokens.keywords(text) { counts[word, default: 0] += 1 }
    for (word, count) in counts {
      // Sub-linear term frequency: a word said four times is not four times as telling.
      let weight = Float(count).squareRoot()
      add("w:" + word, weight * Self.wordWeight, to: &vector)
      for trigram in trigrams(of: word) {
        add("t:" + trigram, weight * Self.trigramWeight, to: &vector)
      }
    }
    return normalised(vector)
  }

  private func trigrams(of word: String) -> [String] {
    let characters = Array("^" + word + "$")
    guard characters.count >= 3 else { return [] }
    return (0...(characters.count - 3)).map { String(characters[$0..<($0 + 3)]) }
  }

  private func add(_ feature: String, _ weight: Float, to vector: inout [Float]) {
    let hash = Self.fnv1a64(feature)
    let index = Int(hash % UInt64(dimensions))
    // The top bit picks the sign, so colliding features cancel out on average instead of adding.
    let sign: Float = hash >> 63 == 0 ? 1 : -1
    vector[index] += sign * weight
  }

  private func normalised(_ vector: [Float]) -> [Float] {
    let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard norm > 0 else { return vector }
    return vector.map { $0 / norm }
  }

  /// FNV-1a 64 with the published offset basis and prime.
  static func fnv1a64(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }
}

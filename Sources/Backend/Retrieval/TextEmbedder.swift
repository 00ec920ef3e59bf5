/// Turns texts into vectors whose cosine similarity says how alike the texts are; the local
/// hashing embedder is the default, an OpenAI-compatible one can replace it.
public protocol TextEmbedder: Sendable {
  /// The length of every vector returned.
  var dimensions: Int { get }
  /// One L2-normalised vector per text, in order.
  func embed(_ texts: [String]) throws -> [[Float]]
}

extension TextEmbedder {
  /// The vector of one text.
  public func embed(_ text: String) throws -> [Float] {
    try embed([text])[0]
  }
}

/// Cosine similarity of vectors, which for L2-normalised vectors is their dot product.
public enum VectorMath {
  /// The dot product of two vectors of equal length (0 when the lengths differ).
  public static func dot(_ a: [Float], _ b: [Float]) -> Double {
    guard a.count == b.count else { return 0 }
    var sum: Float = 0
    for index in a.indices { sum += a[index] * b[index] }
    return Double(sum)
  }
}

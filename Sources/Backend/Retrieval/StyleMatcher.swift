/// Finds the physician's past posts closest to a topic, to imitate their voice.
public struct StyleMatcher: Sendable {
  /// The replaced system's style matcher used five examples; more dilutes the voice.
  public static let sampleCount = 5

  private let store: any VectorStore

  /// A matcher searching `store`'s doctor_style collection.
  public init(store: any VectorStore) {
    self.store = store
  }

  /// Up to five posts, best first.
  public func samples(for topic: String) throws -> [RetrievedChunk] {
    try store.search(topic, in: .doctorStyle, limit: Self.sampleCount)
  }
}

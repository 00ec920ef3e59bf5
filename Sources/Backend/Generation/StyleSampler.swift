/// The stage that picks the physician's past posts a draft imitates.
public protocol StyleSampler: Sendable {
  /// Past posts closest to the topic, best first.
  func styleSamples(for topic: String) throws -> [RetrievedChunk]
}

extension StyleMatcher: StyleSampler {
  public func styleSamples(for topic: String) throws -> [RetrievedChunk] {
    try samples(for: topic)
  }
}

/// The stage that finds the knowledge a draft may cite.
public protocol EvidenceRetriever: Sendable {
  /// Candidate evidence for the topic, best first.
  func evidence(for topic: String) throws -> [RetrievedChunk]
}

extension KnowledgeRetriever: EvidenceRetriever {
  public func evidence(for topic: String) throws -> [RetrievedChunk] {
    try chunks(for: topic)
  }
}

/// Finds the chunks of a collection that best match a query.
public protocol VectorStore: Sendable {
  /// At most `limit` chunks of `collection`, best first.
  func search(_ query: String, in collection: KnowledgeCollection, limit: Int) throws
    -> [RetrievedChunk]
}

/// Finds the medical-knowledge chunks a draft on a topic can rest on, with their documents'
/// titles.
public struct KnowledgeRetriever: Sendable {
  /// Three passages give a post two or three citable facts while staying within X's limit.
  public static let defaultLimit = 3

  private let store: any VectorStore
  private let limit: Int

  /// A retriever returning up to `limit` chunks of the medical_knowledge collection.
  public init(store: any VectorStore, limit: Int = KnowledgeRetriever.defaultLimit) {
    self.store = store
    self.limit = limit
  }

  /// The best chunks for the topic, best first, relevant or not (each says so itself).
  public func chunks(for topic: String) throws -> [RetrievedChunk] {
    try store.search(topic, in: .medicalKnowledge, limit: limit)
  }
}

/// A knowledge chunk found for a query, with the raw scores behind its rank.
public struct RetrievedChunk: Sendable, Equatable {
  /// Raw cosine at or above which a chunk counts as relevant. With the 1024-dimension hashing
  /// embedder it means the chunk shares a clear part of the query's keywords or their stems:
  /// an unrelated query ("quantum chromodynamics") tops out near 0.10 on this knowledge base
  /// from hash collisions alone, while on-topic passages score 0.18-0.6.
  public static let relevantCosine = 0.15

  public var chunkId: String
  public var documentId: String
  public var collection: KnowledgeCollection
  /// The title of the document the chunk comes from.
  public var title: String
  /// The document's path relative to the knowledge-base root.
  public var path: String
  public var heading: String
  public var content: String
  /// Cosine similarity of query and chunk vectors, -1...1.
  public var cosine: Double
  /// PostgreSQL `ts_rank` of the full-text match, or nil when the words did not match.
  public var textRank: Double?
  /// Reciprocal-rank fusion score; only its order matters, not its size.
  public var fusedScore: Double

  /// Whether the raw cosine reaches `relevantCosine`; fusion order alone says nothing absolute.
  public var isRelevant: Bool { cosine >= Self.relevantCosine }

  /// A chunk with its scores.
  public init(
    chunkId: String, documentId: String, collection: KnowledgeCollection, title: String,
    path: String, heading: String, content: String, cosine: Double, textRank: Double?,
    fusedScore: Double
  ) {
    self.chunkId = chunkId
    self.documentId = documentId
    self.collection = collection
    self.title = title
    self.path = path
    self.heading = heading
    self.content = content
    self.cosine = cosine
    self.textRank = textRank
    self.fusedScore = fusedScore
  }
}

/// One file of the knowledge base, cut into chunks, as it is stored in `knowledge_documents`.
public struct KnowledgeDocument: Sendable, Equatable {
  /// `StableID.hash(collection, path)`: the same file always gets the same id.
  public var id: String
  public var collection: KnowledgeCollection
  /// The path relative to the knowledge-base root, with `/` separators.
  public var path: String
  public var title: String
  /// Hash of the normalised text and the chunker version; a change means re-chunk the file.
  public var contentHash: String
  public var chunks: [KnowledgeChunk]

  /// A document whose chunk ids are derived from its id and each chunk's text.
  public init(
    collection: KnowledgeCollection, path: String, title: String, contentHash: String,
    pieces: [(heading: String, content: String)]
  ) {
    let id = StableID.hash(collection.rawValue, path)
    self.id = id
    self.collection = collection
    self.path = path
    self.title = title
    self.contentHash = contentHash
    var seen = Set<String>()
    self.chunks = pieces.enumerated().map { ordinal, piece in
      var chunkId = StableID.hash(id, piece.content)
      // Two identical passages in one file would share an id; the ordinal keeps them apart.
      if !seen.insert(chunkId).inserted { chunkId = StableID.hash(id, piece.content, "\(ordinal)") }
      return KnowledgeChunk(
        id: chunkId, ordinal: ordinal, heading: piece.heading, content: piece.content)
    }
  }
}

/// A passage of a document that is embedded and searched on its own.
public struct KnowledgeChunk: Sendable, Equatable {
  /// `StableID.hash(documentId, content)`.
  public var id: String
  public var ordinal: Int
  /// The section heading the passage sits under, or the post id for style posts.
  public var heading: String
  public var content: String
}

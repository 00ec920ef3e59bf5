/// The chunks and vectors of one collection held in memory, tagged with the freshness stamp they
/// were read under.
struct ChunkVectorCache: Sendable {
  struct Entry: Sendable {
    var id: String
    var documentId: String
    var collection: KnowledgeCollection
    var title: String
    var path: String
    var heading: String
    var content: String
    var embedding: [Float]

    func retrieved(cosine: Double, textRank: Double?, fusedScore: Double) -> RetrievedChunk {
      RetrievedChunk(
        chunkId: id, documentId: documentId, collection: collection, title: title, path: path,
        heading: heading, content: content, cosine: cosine, textRank: textRank,
        fusedScore: fusedScore)
    }
  }

  let stamp: String
  let entries: [Entry]
  let byId: [String: Entry]

  init(stamp: String, entries: [Entry]) {
    self.stamp = stamp
    self.entries = entries
    self.byId = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The `limit` entries with the highest cosine to `vector`, best first (ties by id).
  func nearest(to vector: [Float], limit: Int) -> [(id: String, cosine: Double)] {
    let scored = entries.map { ($0.id, VectorMath.dot(vector, $0.embedding)) }
    let sorted = scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    return Array(sorted.prefix(limit)).map { (id: $0.0, cosine: $0.1) }
  }
}

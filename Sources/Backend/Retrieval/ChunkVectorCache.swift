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
  ///
  /// A bounded insertion keeps only the best `limit` while scanning, so a query over 10 000
  /// posts costs the dot products and no sort of all of them.
  func nearest(to vector: [Float], limit: Int) -> [(id: String, cosine: Double)] {
    guard limit > 0 else { return [] }
    var best: [(id: String, cosine: Double)] = []
    best.reserveCapacity(limit + 1)
    for entry in entries {
      let cosine = VectorMath.dot(vector, entry.embedding)
      if best.count == limit, let worst = best.last, !Self.ranksBefore(cosine, entry.id, worst) {
        continue
      }
      let position = best.firstIndex { Self.ranksBefore(cosine, entry.id, $0) }
      best.insert((entry.id, cosine), at: position ?? best.count)
      if best.count > limit { best.removeLast() }
    }
    return best
  }

  /// Whether a score and id rank before `other`: higher cosine first, then smaller id.
  private static func ranksBefore(
    _ cosine: Double, _ id: String, _ other: (id: String, cosine: Double)
  ) -> Bool {
    cosine != other.cosine ? cosine > other.cosine : id < other.id
  }
}

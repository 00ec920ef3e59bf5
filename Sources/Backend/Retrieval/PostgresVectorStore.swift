import Postgres
import Shared
import Synchronization

/// Hybrid search over `knowledge_chunks`: dense cosine over the stored embeddings plus PostgreSQL
/// full-text search, fused by reciprocal rank.
///
/// The vectors of a collection are read once into memory and read again only when the
/// collection's documents change (count or newest `indexed_at`), so a query costs one small
/// freshness check and one full-text query, not a scan of every vector.
public final class PostgresVectorStore: VectorStore {
  /// Each search list offers this many times `limit` candidates to the fusion, so a chunk ranked
  /// modestly by both lists can still win.
  static let candidateFactor = 4

  private let pool: PostgresPool
  private let embedder: any TextEmbedder
  private let cache = Mutex<[KnowledgeCollection: ChunkVectorCache]>([:])

  /// A store reading `pool` and embedding queries with `embedder` (the one used for indexing).
  public init(pool: PostgresPool, embedder: any TextEmbedder) {
    self.pool = pool
    self.embedder = embedder
  }

  public func search(_ query: String, in collection: KnowledgeCollection, limit: Int) throws
    -> [RetrievedChunk]
  {
    let chunks = try cachedChunks(of: collection)
    guard !chunks.entries.isEmpty, limit > 0 else { return [] }
    let candidates = limit * Self.candidateFactor
    let queryVector = try embedder.embed(query)
    let dense = chunks.nearest(to: queryVector, limit: candidates)
    let textRanks = try fullTextRanks(query, in: collection, limit: candidates)
    let fused = RankFusion.fuse([dense.map(\.id), textRanks.map(\.id)]).prefix(limit)
    let ranks = Dictionary(textRanks.map { ($0.id, $0.rank) }, uniquingKeysWith: { a, _ in a })
    return fused.compactMap { item in
      guard let entry = chunks.byId[item.id] else { return nil }
      return entry.retrieved(
        cosine: VectorMath.dot(queryVector, entry.embedding), textRank: ranks[item.id],
        fusedScore: item.score)
    }
  }

  /// Full-text matches ranked by `ts_rank`. Any keyword may match (OR), because
  /// `plainto_tsquery` requires every word and a natural topic rarely has them all.
  private func fullTextRanks(_ query: String, in collection: KnowledgeCollection, limit: Int)
    throws -> [(id: String, rank: Double)]
  {
    // Only letters and digits reach to_tsquery, so no word can carry tsquery operators.
    let words = TextTokens.keywords(query).flatMap { $0.split(separator: "'") }.map(String.init)
    guard !words.isEmpty else { return [] }
    let rows = try pool.query(
      """
      SELECT c.id, ts_rank(c.search_vector, q)::float8 AS rank
      FROM knowledge_chunks c, to_tsquery('simple', $2) q
      WHERE c.collection = $1 AND c.search_vector @@ q
      ORDER BY rank DESC, c.id LIMIT $3
      """, [collection.rawValue, Set(words).sorted().joined(separator: " | "), limit])
    return try rows.map { (try $0.string("id"), try $0.double("rank")) }
  }

  private func cachedChunks(of collection: KnowledgeCollection) throws -> ChunkVectorCache {
    let stamp = try freshnessStamp(of: collection)
    if let cached = cache.withLock({ $0[collection] }), cached.stamp == stamp { return cached }
    let loaded = try loadChunks(of: collection, stamp: stamp)
    cache.withLock { $0[collection] = loaded }
    return loaded
  }

  private func freshnessStamp(of collection: KnowledgeCollection) throws -> String {
    let rows = try pool.query(
      """
      SELECT count(*)::bigint AS documents, coalesce(max(indexed_at)::text, '') AS newest
      FROM knowledge_documents WHERE collection = $1
      """, [collection.rawValue])
    guard let row = rows.first else { return "" }
    return "\(try row.int64("documents"))@\(try row.string("newest"))"
  }

  private func loadChunks(of collection: KnowledgeCollection, stamp: String) throws
    -> ChunkVectorCache
  {
    let rows = try pool.query(
      """
      SELECT c.id, c.document_id, c.heading, c.content, c.embedding, d.title, d.path
      FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id
      WHERE c.collection = $1 ORDER BY d.path, c.ordinal
      """, [collection.rawValue])
    let entries = try rows.map { row in
      ChunkVectorCache.Entry(
        id: try row.string("id"), documentId: try row.string("document_id"),
        collection: collection, title: try row.string("title"), path: try row.string("path"),
        heading: try row.string("heading"), content: try row.string("content"),
        embedding: try row.floats("embedding"))
    }
    return ChunkVectorCache(stamp: stamp, entries: entries)
  }
}

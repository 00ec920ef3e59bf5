import Crypto
import Postgres
import Shared

/// The physician's published posts as style samples (`doctor_style`), once per text: the
/// `style_samples` row keyed by content hash makes adding idempotent, and a removed sample
/// stays removed even when its confirmation arrives again.
public struct StyleSampleStore: Sendable {
  /// Where a sample lives in the knowledge tables; the reindex leaves these paths to us.
  public static let pathPrefix = "published/"

  private let pool: PostgresPool
  private let embedder: any TextEmbedder

  /// A store embedding with `embedder`, which must be the worker's, so samples are comparable.
  public init(pool: PostgresPool, embedder: any TextEmbedder) {
    self.pool = pool
    self.embedder = embedder
  }

  /// Adds a published post; returns its chunk id, or nil when this text was added before.
  @discardableResult
  public func add(content: String, draftId: Int64?, userId: Int64?) throws -> String? {
    let hash = hex(sha256(content))
    let chunkId = "published-" + String(hash.prefix(32))
    let vector = try embedder.embed(content)
    return try pool.transaction { connection in
      let inserted = try connection.execute(
        """
        INSERT INTO style_samples (content_hash, draft_id, user_id, chunk_id, content)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (content_hash) DO NOTHING
        """, [hash, draftId, userId, chunkId, content])
      guard inserted == 1 else { return nil }
      try Self.writeChunk(connection, chunkId: chunkId, hash: hash, content: content, vector)
      return chunkId
    }
  }

  /// Removes a sample from retrieval for good; false when no such sample exists.
  public func remove(chunkId: String, by actor: String) throws -> Bool {
    try pool.transaction { connection in
      let marked = try connection.execute(
        """
        UPDATE style_samples SET removed_at = now(), removed_by = $2
        WHERE chunk_id = $1 AND removed_at IS NULL
        """, [chunkId, actor])
      let deleted = try connection.execute(
        "DELETE FROM knowledge_documents WHERE id = $1 AND collection = 'doctor_style'",
        [chunkId])
      return marked + deleted > 0
    }
  }

  /// The chunk id of the live sample a published draft became, if any.
  public func sampleChunk(draftId: Int64) throws -> String? {
    try pool.query(
      """
      SELECT chunk_id FROM style_samples
      WHERE draft_id = $1 AND removed_at IS NULL ORDER BY added_at DESC LIMIT 1
      """, [draftId]
    ).first?.string("chunk_id")
  }

  /// How many live samples hold exactly `content`, counting knowledge chunks.
  public func count(content: String) throws -> Int {
    try pool.query(
      "SELECT count(*) AS n FROM knowledge_chunks WHERE collection = 'doctor_style' AND content = $1",
      [content]
    ).first?.int("n") ?? 0
  }

  private static func writeChunk(
    _ connection: PostgresConnection, chunkId: String, hash: String, content: String,
    _ vector: [Float]
  ) throws {
    _ = try connection.execute(
      """
      INSERT INTO knowledge_documents (id, collection, path, title, content_hash, chunk_count)
      VALUES ($1, 'doctor_style', $2, $3, $4, 1) ON CONFLICT DO NOTHING
      """, [chunkId, pathPrefix + chunkId, "Published post", hash])
    _ = try connection.execute(
      """
      INSERT INTO knowledge_chunks (id, document_id, collection, ordinal, heading, content,
        embedding)
      VALUES ($1, $1, 'doctor_style', 0, '', $2, $3) ON CONFLICT DO NOTHING
      """, [chunkId, content, vector])
  }
}

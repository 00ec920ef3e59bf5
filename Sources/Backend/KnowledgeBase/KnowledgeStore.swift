import FoundationEssentials
import Postgres
import Shared

/// Keeps `knowledge_documents` and `knowledge_chunks` equal to a knowledge-base folder: new files
/// are added, changed files replaced, vanished files deleted, each document in one transaction.
/// Ids are derived from paths and text, so a second run with no file changes changes nothing.
public final class KnowledgeStore: Sendable {
  private let pool: PostgresPool
  private let embedder: any TextEmbedder

  /// A store writing through `pool`, embedding chunks with `embedder`.
  public init(pool: PostgresPool, embedder: any TextEmbedder) {
    self.pool = pool
    self.embedder = embedder
  }

  /// Syncs the folder at `root`; `progress` hears after every document and may throw to stop.
  public func sync(
    root: String, progress: (KnowledgeSyncProgress) throws -> Void = { _ in }
  ) throws -> KnowledgeSyncReport {
    var isDirectory = false
    guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory
    else {
      // Never treat a missing folder as "every file was deleted".
      throw KnowledgeBaseIssue(path: root, problem: "knowledge base folder not found")
    }
    let scan = KnowledgeBaseReader(root: root).scan()
    var report = KnowledgeSyncReport(issues: scan.issues)
    let stored = try storedHashes()
    var state = KnowledgeSyncProgress(
      documentsDone: 0, documentsTotal: scan.documents.count, chunksDone: 0,
      chunksTotal: scan.documents.reduce(0) { $0 + $1.chunks.count })
    try progress(state)

    for document in scan.documents {
      switch stored[document.path] {
      case document.contentHash: report.unchanged += 1
      case nil:
        try replace(document)
        report.added += 1
      default:
        try replace(document)
        report.updated += 1
      }
      state.documentsDone += 1
      state.chunksDone += document.chunks.count
      try progress(state)
    }

    let present = Set(scan.documents.map(\.path)).union(scan.unreadablePaths)
    for path in stored.keys.sorted() where !present.contains(path) {
      _ = try pool.execute("DELETE FROM knowledge_documents WHERE path = $1", [path])
      report.removed += 1
    }
    report.documents = state.documentsTotal
    report.chunks = state.chunksTotal
    return report
  }

  /// The content hash of each stored document; a document embedded with vectors of another
  /// length (another embedder) gets an empty hash, so switching embedders re-embeds it.
  /// Limitation: a switch between two models with vectors of the same length is not noticed.
  private func storedHashes() throws -> [String: String] {
    let rows = try pool.query(
      """
      SELECT d.path, CASE WHEN EXISTS (
          SELECT 1 FROM knowledge_chunks c
          WHERE c.document_id = d.id AND cardinality(c.embedding) <> $1)
        THEN '' ELSE d.content_hash END AS content_hash
      FROM knowledge_documents d
      """, [embedder.dimensions])
    var hashes: [String: String] = [:]
    for row in rows { hashes[try row.string("path")] = try row.string("content_hash") }
    return hashes
  }

  /// Writes a document and its chunks in place of any earlier version, all or nothing.
  private func replace(_ document: KnowledgeDocument) throws {
    // A guideline's heading says what its passage is about; a post's heading is only its id.
    let texts = document.chunks.map { chunk in
      document.collection == .medicalKnowledge
        ? chunk.heading + "\n" + chunk.content : chunk.content
    }
    let vectors = try embedder.embed(texts)
    try pool.transaction { connection in
      // Chunks go with their document (ON DELETE CASCADE).
      _ = try connection.execute(
        "DELETE FROM knowledge_documents WHERE id = $1 OR path = $2", [document.id, document.path])
      _ = try connection.execute(
        """
        INSERT INTO knowledge_documents (id, collection, path, title, content_hash, chunk_count)
        VALUES ($1, $2, $3, $4, $5, $6)
        """,
        [
          document.id, document.collection.rawValue, document.path, document.title,
          document.contentHash, document.chunks.count,
        ])
      for (chunk, vector) in zip(document.chunks, vectors) {
        _ = try connection.execute(
          """
          INSERT INTO knowledge_chunks (id, document_id, collection, ordinal, heading, content,
            embedding)
          VALUES ($1, $2, $3, $4, $5, $6, $7)
          """,
          [
            chunk.id, document.id, document.collection.rawValue, chunk.ordinal, chunk.heading,
            chunk.content, vector,
          ])
      }
    }
  }
}

import Postgres
import Shared
import TestSupport
import Testing

@testable import Backend

@Suite struct KnowledgeBaseSyncTests {
  static let guideline = """
    ---
    title: "Sleep"
    ---
    # Sleep

    ## Why sleep matters

    Sleep restores the body. Adults need seven or more hours of sleep a night.
    """

  func withStore(_ body: (KnowledgeStore, PostgresPool, TemporaryFolder) throws -> Void) throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 2)
    let folder = try TemporaryFolder()
    try folder.write("medical_guidelines/sleep.md", Self.guideline)
    try folder.write("medical_guidelines/flu.md", "# Flu\n\nGet a flu shot every year.\n")
    try folder.write(
      "doctor_style/posts.jsonl",
      "{\"id\":\"a\",\"text\":\"Sleep well.\"}\r\n{\"id\":\"b\",\"text\":\"Move more.\"}\r\n")
    try body(KnowledgeStore(pool: pool, embedder: HashingTextEmbedder()), pool, folder)
  }

  func chunkIds(_ pool: PostgresPool) throws -> [String] {
    try pool.query("SELECT id FROM knowledge_chunks ORDER BY id", []).map { try $0.string("id") }
  }

  @Test func syncingTwiceChangesNothing() throws {
    try withStore { store, pool, folder in
      let first = try store.sync(root: folder.path)
      let idsAfterFirst = try chunkIds(pool)
      let second = try store.sync(root: folder.path)
      #expect(first.added == 3 && first.chunks == 4)
      #expect(second.unchanged == 3 && second.added == 0 && second.updated == 0)
      #expect(try chunkIds(pool) == idsAfterFirst)
      #expect(idsAfterFirst.count == 4)
    }
  }

  @Test func deletedFileLosesOnlyItsOwnChunks() throws {
    try withStore { store, pool, folder in
      _ = try store.sync(root: folder.path)
      let before = try chunkIds(pool)
      try folder.remove("medical_guidelines/flu.md")
      let report = try store.sync(root: folder.path)
      let after = try chunkIds(pool)
      #expect(report.removed == 1)
      #expect(after.count == before.count - 1)
      #expect(Set(after).isSubset(of: Set(before)))
      let paths = try pool.query("SELECT path FROM knowledge_documents ORDER BY path", [])
        .map { try $0.string("path") }
      #expect(paths == ["doctor_style/posts.jsonl", "medical_guidelines/sleep.md"])
    }
  }

  @Test func changedFileIsReplacedAndProgressCountsEveryDocument() throws {
    try withStore { store, pool, folder in
      _ = try store.sync(root: folder.path)
      try folder.write("medical_guidelines/flu.md", "# Flu\n\nWash your hands often.\n")
      var steps: [KnowledgeSyncProgress] = []
      let report = try store.sync(root: folder.path) { steps.append($0) }
      #expect(report.updated == 1 && report.unchanged == 2)
      #expect(
        steps.last
          == KnowledgeSyncProgress(
            documentsDone: 3, documentsTotal: 3, chunksDone: 4, chunksTotal: 4))
      let flu = try pool.query(
        "SELECT content FROM knowledge_chunks WHERE content LIKE $1", ["%Flu%"])
      #expect(try flu.map { try $0.string("content") } == ["Flu\n\nWash your hands often."])
    }
  }

  @Test func missingFolderIsAnErrorNotADeletion() throws {
    try withStore { store, pool, folder in
      _ = try store.sync(root: folder.path)
      #expect(throws: KnowledgeBaseIssue.self) { try store.sync(root: folder.path + "/nope") }
      #expect(try chunkIds(pool).count == 4)
    }
  }
}

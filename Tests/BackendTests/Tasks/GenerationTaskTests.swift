import Postgres
import Shared
import TestSupport
import Testing

@testable import Backend

@Suite struct GenerationTaskTests {
  @Test func generateThenPublishEndToEndIsIdempotent() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 2)
    let logger = Logger(level: .error)
    let embedder = HashingTextEmbedder()
    _ = try KnowledgeStore(pool: pool, embedder: embedder)
      .sync(root: KnowledgeBaseChunkingTests.repositoryKnowledgeBase)
    let pipeline = GenerationPipeline.offline(
      store: PostgresVectorStore(pool: pool, embedder: embedder), language: "en", logger: logger)
    let drafts = DraftStore(pool: pool)
    let user = try UserStore(pool: pool).ensure(username: "dr-test")
    let draft = try drafts.create(
      userId: user, topic: "sleep hygiene for shift workers", platform: .threads, sourceURL: nil)
    let message = TaskMessage(
      taskName: TaskName.generateDraft, kwargs: ["draft_id": .int(draft.id)])
    let context = TaskContext(attempt: 1, logger: logger)

    let generator = GenerateDraftTask(pool: pool, pipeline: pipeline, logger: logger)
    _ = try generator.run(message, context: context)
    let generated = try #require(try drafts.get(id: draft.id))
    #expect(generated.status == .generated)
    #expect(generated.provider == "offline-composer")
    #expect(generated.problems == [])
    #expect(generated.verdict?.pubmedReached == false)
    #expect(!generated.sources.isEmpty)
    let again = try generator.run(message, context: context)
    #expect(again["skipped"] == .bool(true))
    #expect(try drafts.get(id: draft.id)?.version == generated.version)

    let folder = try TemporaryFolder()
    let publisher = PublishPostTask(
      pool: pool, publisher: OutboxPublisher(directory: folder.path), logger: logger)
    _ = try drafts.transition(
      id: draft.id, from: [.generated], to: .publishing, expectedVersion: nil, actor: "test",
      actorUserId: nil, detail: nil)
    let publishMessage = TaskMessage(
      taskName: TaskName.publishPost, kwargs: ["draft_id": .string(String(draft.id))])
    _ = try publisher.run(publishMessage, context: context)
    #expect(try drafts.get(id: draft.id)?.status == .published)
    let posts = try pool.query(
      "SELECT platform, content_version FROM published_posts WHERE draft_id = $1", [draft.id])
    #expect(posts.count == 1)
    #expect(try posts[0].string("platform") == "threads")
    #expect(try publisher.run(publishMessage, context: context)["skipped"] == .bool(true))
  }

  @Test func finalFailureMarksTheDraftFailedWithTheReason() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 2)
    let logger = Logger(level: .error)
    let drafts = DraftStore(pool: pool)
    let user = try UserStore(pool: pool).ensure(username: "dr-test")
    let draft = try drafts.create(userId: user, topic: "flu", platform: .telegram, sourceURL: nil)
    let pipeline = GenerationPipeline(
      styleSampler: FixedStyle(samples: []), evidenceRetriever: FixedEvidence(chunks: []),
      logger: logger)
    GenerateDraftTask(pool: pool, pipeline: pipeline, logger: logger).finalFailure(
      TaskMessage(taskName: TaskName.generateDraft, kwargs: ["draft_id": .int(draft.id)]),
      reason: "database timeout")
    let failed = try #require(try drafts.get(id: draft.id))
    #expect(failed.status == .failed)
    #expect(failed.lastError?.contains("database timeout") == true)
    #expect(try NotificationStore(pool: pool).recent(limit: 5).count == 1)
  }
}

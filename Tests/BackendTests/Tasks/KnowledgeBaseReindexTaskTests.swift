import Postgres
import Redis
import Shared
import TestSupport
import Testing

@testable import Backend

@Suite struct KnowledgeBaseReindexTaskTests {
  @Test func reindexTaskLeavesFinalProgressInRedis() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 2)
    let redis = RedisPool(settings: TestRedis.settings())
    let key = "sera:test:reindex:" + TestRedis.uniqueQueueName()
    defer { _ = try? redis.command(["DEL", key]) }
    let board = ReindexProgressBoard(redis: redis, key: key)
    let folder = try TemporaryFolder()
    try folder.write("medical_guidelines/flu.md", "# Flu\n\nGet a flu shot every year.\n")
    try folder.write("doctor_style/posts.md", "Wash hands.\n---\nSleep well.\n")
    let task = ReindexTask(
      store: KnowledgeStore(pool: pool, embedder: HashingTextEmbedder()), root: folder.path,
      board: board, logger: Logger(level: .error))
    let message = TaskMessage(taskName: TaskName.reindex)

    let result = try task.run(
      message, context: TaskContext(attempt: 1, logger: Logger(level: .error)))

    #expect(result["chunks"] == .int(3))
    let progress = try board.read()
    #expect(progress.state == .done)
    #expect(progress.taskId == message.taskId)
    #expect(progress.documentsDone == 2 && progress.documentsTotal == 2)
    #expect(progress.chunksDone == 3 && progress.chunksTotal == 3)
    let ttl = try redis.command(["TTL", key]).int ?? 0
    #expect(ttl > 0 && ttl <= Int64(ReindexProgressBoard.expirySeconds))
  }
}

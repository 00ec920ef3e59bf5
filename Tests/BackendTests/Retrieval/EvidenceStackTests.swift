import Postgres
import Redis
import Shared
import TestSupport
import Testing

@testable import Backend

/// The evidence side is switched on by configuration alone: the worker's handlers use PubMed,
/// the source URL, an embeddings API or Qdrant exactly when the environment says so.
@Suite struct EvidenceStackTests {
  /// Never connected: building the stack opens no connection.
  static let pool = PostgresPool(
    settings: PostgresSettings(
      host: "127.0.0.1", port: 9, user: "nobody", password: "", database: "none"),
    maxConnections: 1)

  @Test func theDefaultsStayOffline() {
    let stack = EvidenceStack.configured(
      environment: [:], pool: Self.pool, redis: RedisPool(settings: TestRedis.settings()),
      logger: Logger(level: .error))
    #expect(stack.embedder is HashingTextEmbedder)
    #expect(stack.store is PostgresVectorStore)
    #expect(stack.qdrant == nil)
    #expect(stack.factChecker is OfflineFactChecker)
  }

  @Test func eachProviderIsSwitchedOnByItsVariable() {
    let environment = [
      "SERA_FACT_CHECK": "pubmed", "SERA_EMBEDDINGS_BASE_URL": "http://127.0.0.1:9/v1",
      "SERA_EMBEDDINGS_DIMENSIONS": "64", "QDRANT_URL": "http://127.0.0.1:9",
    ]
    let stack = EvidenceStack.configured(
      environment: environment, pool: Self.pool,
      redis: RedisPool(settings: TestRedis.settings()), logger: Logger(level: .error))
    #expect(stack.embedder is OpenAICompatibleEmbedder)
    #expect(stack.embedder.dimensions == 64)
    #expect(stack.store is QdrantVectorStore)
    #expect(stack.qdrant != nil)
    #expect(stack.factChecker is EvidenceFactChecker)
    // PubMed's rate limit is shared through Redis; a process without Redis never calls it.
    let withoutRedis = EvidenceStack.configured(
      environment: environment, pool: Self.pool, redis: nil, logger: Logger(level: .error))
    #expect(withoutRedis.factChecker is OfflineFactChecker)
  }

  @Test func unreadableSettingsFailEveryUseNamingTheVariable() {
    let stack = EvidenceStack.configured(
      environment: ["SERA_FACT_CHECK": "sometimes"], pool: Self.pool, redis: nil,
      logger: Logger(level: .error))
    #expect(throws: TaskFailure.self) { try stack.embedder.embed(["x"]) }
    do {
      _ = try stack.factChecker.check(topic: "flu", candidates: [], sourceURL: String?.none)
      Issue.record("a misconfigured fact check passed")
    } catch {
      #expect("\(error)".contains("SERA_FACT_CHECK"))
    }
  }

  @Test func theWorkersGenerationConsultsPubMedAndTheDraftsSourceURLWhenConfigured() throws {
    let pubmed = try FakePubMedServer()
    let web = try FakeWebServer(pages: [
      "/article": FakeWebServer.Page(
        headers: [("Content-Type", "text/html")], body: EvidenceFixtures.bytes("web", "cp1251.html")
      )
    ])
    var configuration = try Configuration(environment: [:])
    configuration.postgres = try TestDatabase.create()
    defer { TestDatabase.drop(configuration.postgres) }
    configuration.knowledgeBaseDirectory = KnowledgeBaseChunkingTests.repositoryKnowledgeBase
    configuration.environment = [
      "SERA_FACT_CHECK": "pubmed", "PUBMED_BASE_URL": pubmed.baseURL,
      "SERA_ALLOW_PRIVATE_URLS": "1",
    ]
    let pool = PostgresPool(settings: configuration.postgres, maxConnections: 2)
    defer { pool.closeIdle() }
    let logger = Logger(level: .error)
    let handlers = BackendTasks.handlers(
      configuration: configuration, pool: pool, redis: RedisPool(settings: TestRedis.settings()),
      logger: logger)
    let generate = try #require(handlers.first { $0.name == TaskName.generateDraft })
    let drafts = DraftStore(pool: pool)
    let user = try UserStore(pool: pool).ensure(username: "dr-evidence")
    let draft = try drafts.create(
      userId: user, topic: "blood pressure", platform: .telegram,
      sourceURL: web.baseURL + "/article")

    _ = try generate.run(
      TaskMessage(taskName: TaskName.generateDraft, kwargs: ["draft_id": .int(draft.id)]),
      context: TaskContext(attempt: 1, logger: logger))

    let generated = try #require(try drafts.get(id: draft.id))
    #expect(generated.status == .generated)
    #expect(generated.verdict?.pubmedReached == true)
    #expect(generated.verdict?.summary.contains("source URL read") == true)
    let ids = generated.sources.map(\.id)
    #expect(ids.contains("PMID:27797938"))
    #expect(ids.contains(web.baseURL + "/article"))
    #expect(pubmed.arrivals.map(\.endpoint).contains("esearch.fcgi"))
  }
}

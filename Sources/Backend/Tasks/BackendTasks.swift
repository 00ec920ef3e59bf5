import Postgres
import Redis
import Shared

/// The task handlers the worker runs: the offline defaults, or the LLM router, PubMed, an
/// embeddings API and Qdrant where the configuration switches them on.
public enum BackendTasks {
  /// `generate_draft`, `publish_post` and `reindex_knowledge_base`, sharing one embedder and
  /// one vector store so the vector cache is built once per process. The LLM metrics go into
  /// `metrics` (the worker's registry, so they show before any call) and key or quota
  /// failures into `llmAlarms`.
  public static func handlers(
    configuration: Configuration, pool: PostgresPool, redis: RedisPool, logger: Logger,
    metrics: MetricsRegistry = MetricsRegistry(), llmAlarms: LLMProviderAlarms = .init()
  ) -> [any TaskHandler] {
    let evidence = EvidenceStack.configured(
      environment: configuration.environment, pool: pool, redis: redis, logger: logger)
    let embedder = evidence.embedder
    let writer = DraftWriters.configured(
      environment: configuration.environment, pool: pool,
      metrics: LLMMetrics(registry: metrics), alarms: llmAlarms, logger: logger)
    let pipeline = GenerationPipeline(
      styleSampler: StyleMatcher(store: evidence.store),
      evidenceRetriever: KnowledgeRetriever(store: evidence.store),
      factChecker: evidence.factChecker, writer: writer,
      language: configuration.postLanguage, logger: logger)
    var mirror: (@Sendable () throws -> Int)?
    if let qdrant = evidence.qdrant { mirror = { try qdrant.mirror(from: pool) } }
    return [
      GenerateDraftTask(pool: pool, pipeline: pipeline, logger: logger),
      PublishPostTask(configuration: configuration, pool: pool, embedder: embedder, logger: logger),
      ReindexTask(
        store: KnowledgeStore(pool: pool, embedder: embedder),
        root: configuration.knowledgeBaseDirectory, board: ReindexProgressBoard(redis: redis),
        mirror: mirror,
        logger: logger),
    ]
  }
}

import Postgres
import Redis
import Shared

/// The task handlers the worker runs, wired to the offline defaults.
public enum BackendTasks {
  /// `generate_draft`, `publish_post` and `reindex_knowledge_base`, sharing one embedder and
  /// one vector store so the vector cache is built once per process.
  public static func handlers(
    configuration: Configuration, pool: PostgresPool, redis: RedisPool, logger: Logger
  ) -> [any TaskHandler] {
    let embedder = HashingTextEmbedder()
    let vectors = PostgresVectorStore(pool: pool, embedder: embedder)
    let pipeline = GenerationPipeline.offline(
      store: vectors, language: configuration.postLanguage, logger: logger)
    return [
      GenerateDraftTask(pool: pool, pipeline: pipeline, logger: logger),
      PublishPostTask(
        pool: pool, publisher: OutboxPublisher(directory: configuration.outboxDirectory),
        logger: logger),
      ReindexTask(
        store: KnowledgeStore(pool: pool, embedder: embedder),
        root: configuration.knowledgeBaseDirectory, board: ReindexProgressBoard(redis: redis),
        logger: logger),
    ]
  }
}

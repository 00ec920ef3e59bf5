import Postgres
import Redis
import Shared

/// The embedder, vector store and fact checker that `EvidenceSettings` choose, built once per
/// process so the worker, the API and `sera reindex` embed alike. Each default is offline: the
/// hashing embedder, vectors in PostgreSQL, and a fact check that does not consult PubMed.
public struct EvidenceStack: Sendable {
  public let embedder: any TextEmbedder
  /// Where generation searches: PostgreSQL, or Qdrant when `QDRANT_URL` is set.
  public let store: any VectorStore
  /// Set when searches go to Qdrant, which is refreshed from PostgreSQL after each reindex.
  public let qdrant: QdrantVectorStore?
  public let factChecker: any FactChecker

  /// The stack of `environment`. Settings that cannot be read do not fall back to the offline
  /// parts, which would hide the mistake: embedding and fact checking then fail, naming the
  /// variable to fix, and the error is logged once here.
  public static func configured(
    environment: [String: String], pool: PostgresPool, redis: RedisPool?, logger: Logger
  ) -> EvidenceStack {
    let settings: EvidenceSettings
    do {
      settings = try EvidenceSettings(environment: environment)
    } catch {
      logger.error("evidence_settings_invalid", [("error", .string(error.description))])
      let broken = MisconfiguredEvidence(problem: error.description)
      return EvidenceStack(
        embedder: broken, store: PostgresVectorStore(pool: pool, embedder: broken), qdrant: nil,
        factChecker: broken)
    }
    return configured(settings, pool: pool, redis: redis, logger: logger)
  }

  /// The stack of readable settings. Without Redis (as in `sera reindex`) PubMed is never
  /// consulted, since its rate limit is shared through Redis by every process.
  public static func configured(
    _ settings: EvidenceSettings, pool: PostgresPool, redis: RedisPool?, logger: Logger
  ) -> EvidenceStack {
    let embedder: any TextEmbedder =
      settings.embeddingsBaseURL.map {
        OpenAICompatibleEmbedder(
          baseURL: $0, model: settings.embeddingsModel, apiKey: settings.embeddingsAPIKey,
          dimensions: settings.embeddingsDimensions)
      } ?? HashingTextEmbedder()
    let qdrant = settings.qdrantURL.map {
      QdrantVectorStore(baseURL: $0, apiKey: settings.qdrantAPIKey, embedder: embedder)
    }
    let factChecker: any FactChecker
    switch (settings.factCheck, redis) {
    case (.pubmed, let redis?):
      let limiter = PubMedRateLimiter(redis: redis, hasAPIKey: settings.pubmedAPIKey != nil)
      factChecker = EvidenceFactChecker(
        pubmed: PubMedClient(settings: settings, limiter: limiter, logger: logger),
        sources: SourcePageFetcher(settings: settings), embedder: embedder, logger: logger)
    default:
      factChecker = OfflineFactChecker()
    }
    return EvidenceStack(
      embedder: embedder,
      store: qdrant ?? PostgresVectorStore(pool: pool, embedder: embedder), qdrant: qdrant,
      factChecker: factChecker)
  }
}

/// The embedder and fact checker used when the evidence settings cannot be read: every use
/// fails for good with the configuration problem.
struct MisconfiguredEvidence: TextEmbedder, FactChecker {
  let problem: String
  let dimensions = 1

  func embed(_ texts: [String]) throws -> [[Float]] {
    throw TaskFailure.permanent(problem)
  }

  func check(topic: String, candidates: [RetrievedChunk], sourceURL: String?) throws
    -> FactCheckOutcome
  {
    throw TaskFailure.permanent(problem)
  }
}

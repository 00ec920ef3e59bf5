import FoundationEssentials
import Postgres
import Shared

/// `sera reindex [FOLDER]`: syncs the knowledge base into PostgreSQL in this process, printing
/// progress and the totals.
struct ReindexCommand: SeraCommand {
  static let name = "reindex"
  static let summary = "sync the knowledge base folder into the search index (in-process)"
  public static let usage = "usage: sera reindex [FOLDER]   (default: SERA_KNOWLEDGE_BASE)"
  /// Print a progress line every this many documents, so a large base does not flood the screen.
  static let progressEvery = 10

  static func run(arguments: [String], context: CommandContext) throws -> Int32 {
    guard arguments.count <= 1, arguments.first?.hasPrefix("-") != true else {
      throw UsageError(usage)
    }
    let root = arguments.first ?? context.configuration.knowledgeBaseDirectory
    let pool = PostgresPool(settings: context.configuration.postgres, maxConnections: 1)
    let evidence = EvidenceStack.configured(
      environment: context.configuration.environment, pool: pool, redis: nil,
      logger: context.logger)
    let store = KnowledgeStore(pool: pool, embedder: evidence.embedder)
    context.output("reindexing \(root)")
    let report = try store.sync(root: root) { step in
      let last = step.documentsDone == step.documentsTotal
      guard step.documentsDone % progressEvery == 0 || last else { return }
      context.output(
        "  \(step.documentsDone)/\(step.documentsTotal) documents, "
          + "\(step.chunksDone)/\(step.chunksTotal) chunks")
    }
    for issue in report.issues { context.output("  skipped \(issue)") }
    if let qdrant = evidence.qdrant {
      context.output("  copied \(try qdrant.mirror(from: pool)) points to Qdrant")
    }
    context.output("done: " + ReindexTask.summary(report))
    return 0
  }
}

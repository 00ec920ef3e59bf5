import FoundationEssentials
import Postgres
import Shared

/// `reindex_knowledge_base`: syncs the configured knowledge-base folder into PostgreSQL, with
/// progress on the `ReindexProgressBoard`.
public struct ReindexTask: TaskHandler {
  public let name = TaskName.reindex
  /// Embedding a few hundred chunks locally takes seconds; a large base gets ten minutes.
  public let timeout: Duration = .seconds(600)

  private let store: KnowledgeStore
  private let root: String
  private let board: ReindexProgressBoard?
  private let mirror: (@Sendable () throws -> Int)?
  private let logger: Logger

  /// A handler syncing `root` into `store`, reporting on `board` when one is given; `mirror`
  /// then copies the index to the search store (Qdrant) when searches do not go to PostgreSQL.
  public init(
    store: KnowledgeStore, root: String, board: ReindexProgressBoard?,
    mirror: (@Sendable () throws -> Int)? = nil, logger: Logger
  ) {
    self.store = store
    self.root = root
    self.board = board
    self.mirror = mirror
    self.logger = logger
  }

  public func run(_ message: TaskMessage, context: TaskContext) throws -> JSONValue {
    let started = Date()
    var progress = ReindexProgress(state: .running, taskId: message.taskId, startedAt: started)
    let report = try store.sync(root: root) { step in
      guard !context.isCancelled() else { throw TaskFailure.permanent("reindex cancelled") }
      progress.documentsDone = step.documentsDone
      progress.documentsTotal = step.documentsTotal
      progress.chunksDone = step.chunksDone
      progress.chunksTotal = step.chunksTotal
      progress.updatedAt = Date()
      try publish(progress, context: context)
    }
    if let mirror {
      let points = try mirror()
      logger.info("reindex_mirrored", [("points", .int(Int64(points)))])
    }
    progress.state = .done
    progress.message = Self.summary(report)
    progress.updatedAt = Date()
    try publish(progress, context: context)
    for issue in report.issues {
      logger.warning("reindex_issue", [("issue", .string(issue.description))])
    }
    return Self.result(report)
  }

  public func finalFailure(_ message: TaskMessage, reason: String) {
    let failed = ReindexProgress(
      state: .failed, taskId: message.taskId, updatedAt: Date(), message: reason)
    do { try board?.write(failed) } catch {
      logger.warning("reindex_progress_not_written", [("error", .string("\(error)"))])
    }
  }

  private func publish(_ progress: ReindexProgress, context: TaskContext) throws {
    try board?.write(progress)
    context.progress(try SeraJSON.string(progress))
  }

  /// One line for people: what the sync did.
  static func summary(_ report: KnowledgeSyncReport) -> String {
    "\(report.documents) documents, \(report.chunks) chunks: \(report.added) added, "
      + "\(report.updated) updated, \(report.unchanged) unchanged, \(report.removed) removed, "
      + "\(report.issues.count) issues"
  }

  private static func result(_ report: KnowledgeSyncReport) -> JSONValue {
    .object([
      "documents": .int(Int64(report.documents)), "chunks": .int(Int64(report.chunks)),
      "added": .int(Int64(report.added)), "updated": .int(Int64(report.updated)),
      "unchanged": .int(Int64(report.unchanged)), "removed": .int(Int64(report.removed)),
      "issues": .array(report.issues.map { .string($0.description) }),
    ])
  }
}

import FoundationEssentials
import Postgres
import Shared

/// A draft whose generation may have lost its task: pending or generating, untouched for a while.
public struct RedrivableDraft: Sendable, Equatable {
  /// The draft's id.
  public var draftId: Int64
  /// The task id the API stored when it queued the generation, if it managed to.
  public var taskId: String?
  /// Pending or generating.
  public var status: DraftStatus
}

/// The draft queries the scheduler's recovery needs. `DraftStore` keeps its pool private, so
/// this small store beside it reads the `task_id` column that `Draft` does not carry.
public struct DraftRecoveryStore: Sendable {
  private let pool: PostgresPool

  /// A store over the pool.
  public init(pool: PostgresPool) {
    self.pool = pool
  }

  /// Drafts left pending or generating and not updated for `seconds`, oldest first.
  public func redrivable(olderThan seconds: Int, limit: Int) throws -> [RedrivableDraft] {
    let rows = try pool.query(
      """
      SELECT id, task_id, status FROM drafts
      WHERE status IN ('pending', 'generating') AND updated_at < now() - make_interval(secs => $1)
      ORDER BY updated_at LIMIT $2
      """, [seconds, limit])
    return try rows.map { row in
      RedrivableDraft(
        draftId: try row.int64("id"), taskId: try row.decodeIfPresent("task_id", as: String.self),
        status: DraftStatus(rawValue: try row.string("status")) ?? .pending)
    }
  }
}

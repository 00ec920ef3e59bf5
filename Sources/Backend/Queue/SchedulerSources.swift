import Postgres
import Shared

/// The draft queries the scheduler needs; `PostgresSchedulerDrafts` in production.
public protocol SchedulerDrafts: Sendable {
  /// Up to `limit` drafts left pending or generating, not updated for `seconds`.
  func redrivable(olderThan seconds: Int, limit: Int) throws -> [RedrivableDraft]
  /// Scheduled drafts that are due, already moved to publishing.
  func claimDueScheduled(limit: Int) throws -> [Draft]
}

/// The scheduler's draft queries on PostgreSQL.
public struct PostgresSchedulerDrafts: SchedulerDrafts {
  private let drafts: DraftStore
  private let recovery: DraftRecoveryStore

  /// Queries over the pool.
  public init(pool: PostgresPool) {
    self.drafts = DraftStore(pool: pool)
    self.recovery = DraftRecoveryStore(pool: pool)
  }

  public func redrivable(olderThan seconds: Int, limit: Int) throws -> [RedrivableDraft] {
    try recovery.redrivable(olderThan: seconds, limit: limit)
  }

  public func claimDueScheduled(limit: Int) throws -> [Draft] {
    try drafts.claimDueScheduled(limit: limit)
  }
}

/// The statistics an ops sample is made of; `OpsQueries` in production.
public protocol OpsStatistics: Sendable {
  /// Attempts finished in the window (of one task, or all when nil), how many failed, and the
  /// p95 duration.
  func taskStats(sinceSeconds: Int, taskName: String?) throws
    -> (total: Int, failed: Int, p95Seconds: Double?)
  /// LLM spend today and this month, in USD.
  func llmCost() throws -> (today: Double, month: Double)
  /// LLM calls in the window and how many failed.
  func llmStats(sinceSeconds: Int) throws -> (calls: Int, errors: Int)
}

extension OpsQueries: OpsStatistics {}

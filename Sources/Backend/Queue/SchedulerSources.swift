import Shared

/// The draft queries the scheduler needs; `DraftStore` in production.
public protocol SchedulerDrafts: Sendable {
  /// Drafts left pending or generating, not updated for `seconds`.
  func redrivable(olderThan seconds: Int) throws -> [Draft]
  /// Scheduled drafts that are due, already moved to publishing.
  func claimDueScheduled(limit: Int) throws -> [Draft]
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

extension DraftStore: SchedulerDrafts {}
extension OpsQueries: OpsStatistics {}

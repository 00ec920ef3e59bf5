import Postgres

/// The figures of the on-call view, computed by PostgreSQL from `task_runs` and `llm_calls`.
public struct OpsQueries: Sendable {
  private let pool: PostgresPool

  /// Queries over the pool.
  public init(pool: PostgresPool) {
    self.pool = pool
  }

  /// Attempts finished in the last `sinceSeconds` (optionally of one task name): how many, how
  /// many failed (failed, timed out or dead), and the 95th percentile of their duration.
  public func taskStats(sinceSeconds: Int, taskName: String? = nil) throws -> (
    total: Int, failed: Int, p95Seconds: Double?
  ) {
    let rows = try pool.query(
      """
      SELECT count(*) AS total,
        count(*) FILTER (WHERE outcome = ANY($2::text[])) AS failed,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) / 1000.0 AS p95
      FROM task_runs
      WHERE outcome <> 'running' AND finished_at >= now() - make_interval(secs => $1)
        AND ($3::text IS NULL OR task_name = $3)
      """, [sinceSeconds, TaskRunOutcome.failures.map(\.rawValue), taskName])
    let row = rows[0]
    return (try row.int("total"), try row.int("failed"), try row.decodeIfPresent("p95"))
  }

  /// What LLM calls cost since midnight UTC and since the first of the month UTC, in USD.
  public func llmCost() throws -> (today: Double, month: Double) {
    let rows = try pool.query(
      """
      SELECT
        coalesce(sum(cost_usd) FILTER (WHERE created_at >= date_trunc('day', now(), 'UTC')), 0)
          AS today,
        coalesce(sum(cost_usd), 0) AS month
      FROM llm_calls WHERE created_at >= date_trunc('month', now(), 'UTC')
      """)
    return (try rows[0].double("today"), try rows[0].double("month"))
  }

  /// LLM calls in the last `sinceSeconds` and how many of them did not succeed.
  public func llmStats(sinceSeconds: Int) throws -> (calls: Int, errors: Int) {
    let rows = try pool.query(
      """
      SELECT count(*) AS calls, count(*) FILTER (WHERE outcome <> $2) AS errors
      FROM llm_calls WHERE created_at >= now() - make_interval(secs => $1)
      """, [sinceSeconds, LLMCallStore.okOutcome])
    return (try rows[0].int("calls"), try rows[0].int("errors"))
  }
}

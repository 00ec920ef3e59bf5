import Postgres

/// One row per task attempt in `task_runs`, for the failure rate, p95 and the audit trail.
public struct TaskRunStore: Sendable {
  private let pool: PostgresPool

  /// A store over the pool.
  public init(pool: PostgresPool) {
    self.pool = pool
  }

  /// Records that an attempt started (outcome `running`); returns the run id.
  public func start(taskId: String, taskName: String, attempt: Int, worker: String) throws -> Int64
  {
    let rows = try pool.query(
      """
      INSERT INTO task_runs (task_id, task_name, attempt, worker, outcome)
      VALUES ($1, $2, $3, $4, 'running') RETURNING id
      """, [taskId, taskName, attempt, worker])
    return try rows[0].int64("id")
  }

  /// Records how an attempt ended; the error text should already be free of secrets.
  public func finish(runId: Int64, outcome: TaskRunOutcome, error: String?, durationMs: Double)
    throws
  {
    let changed = try pool.execute(
      """
      UPDATE task_runs SET outcome = $2, error = $3, duration_ms = $4, finished_at = now()
      WHERE id = $1
      """, [runId, outcome.rawValue, error, durationMs])
    guard changed == 1 else { throw StoreError.notFound }
  }
}

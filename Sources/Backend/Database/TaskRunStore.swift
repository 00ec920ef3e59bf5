import Postgres

/// One row per task attempt in `task_runs`, for the failure rate, p95 and the audit trail.
public struct TaskRunStore: Sendable {
  private let pool: PostgresPool

  /// An attempt that started.
  public struct Start: Sendable, Equatable {
    public var taskId: String
    public var taskName: String
    public var attempt: Int
    public var worker: String

    /// An attempt of a task on a worker.
    public init(taskId: String, taskName: String, attempt: Int, worker: String) {
      self.taskId = taskId
      self.taskName = taskName
      self.attempt = attempt
      self.worker = worker
    }
  }

  /// How an attempt ended; the error text should already be free of secrets.
  public struct Finish: Sendable, Equatable {
    public var runId: Int64
    public var outcome: TaskRunOutcome
    public var error: String?
    public var durationMs: Double

    /// The end of the run `runId`.
    public init(runId: Int64, outcome: TaskRunOutcome, error: String?, durationMs: Double) {
      self.runId = runId
      self.outcome = outcome
      self.error = error
      self.durationMs = durationMs
    }
  }

  /// A store over the pool.
  public init(pool: PostgresPool) {
    self.pool = pool
  }

  /// Records that an attempt started (outcome `running`); returns the run id.
  public func start(taskId: String, taskName: String, attempt: Int, worker: String) throws -> Int64
  {
    try start([Start(taskId: taskId, taskName: taskName, attempt: attempt, worker: worker)])[0]
  }

  /// Records that several attempts started, in one statement; their run ids, in order.
  public func start(_ starts: [Start]) throws -> [Int64] {
    guard !starts.isEmpty else { return [] }
    // The ids are drawn in the CTE, which PostgreSQL evaluates once (it calls a volatile
    // function), so each input row keeps its position and its id.
    let rows = try pool.query(
      """
      WITH input AS (
        SELECT i.*, nextval(pg_get_serial_sequence('task_runs', 'id')) AS id
        FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) WITH ORDINALITY
          AS i(task_id, task_name, attempt, worker, position)
      ), inserted AS (
        INSERT INTO task_runs (id, task_id, task_name, attempt, worker, outcome)
        SELECT id, task_id, task_name, attempt, worker, 'running' FROM input
      )
      SELECT id FROM input ORDER BY position
      """,
      [
        starts.map(\.taskId), starts.map(\.taskName), starts.map { Int64($0.attempt) },
        starts.map(\.worker),
      ])
    return try rows.map { try $0.int64("id") }
  }

  /// Records how an attempt ended; the error text should already be free of secrets.
  public func finish(runId: Int64, outcome: TaskRunOutcome, error: String?, durationMs: Double)
    throws
  {
    try finish([Finish(runId: runId, outcome: outcome, error: error, durationMs: durationMs)])
  }

  /// Records how several attempts ended, in one statement; throws `StoreError.notFound` when
  /// one of the runs does not exist (the others are still recorded).
  public func finish(_ finishes: [Finish]) throws {
    guard !finishes.isEmpty else { return }
    let changed = try pool.execute(
      """
      UPDATE task_runs t
      SET outcome = f.outcome, error = f.error, duration_ms = f.duration_ms, finished_at = now()
      FROM unnest($1::bigint[], $2::text[], $3::text[], $4::float8[])
        AS f(id, outcome, error, duration_ms)
      WHERE t.id = f.id
      """,
      [
        finishes.map(\.runId), finishes.map(\.outcome.rawValue), finishes.map(\.error),
        finishes.map(\.durationMs),
      ])
    guard changed == Set(finishes.map(\.runId)).count else { throw StoreError.notFound }
  }
}

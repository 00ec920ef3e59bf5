/// Where the worker records each attempt; `TaskRunStore` (PostgreSQL) in production, a fake in
/// tests that need no database.
public protocol TaskRunRecording: Sendable {
  /// Records that an attempt started; returns the run id.
  func start(taskId: String, taskName: String, attempt: Int, worker: String) throws -> Int64
  /// Records how an attempt ended.
  func finish(runId: Int64, outcome: TaskRunOutcome, error: String?, durationMs: Double) throws
}

extension TaskRunStore: TaskRunRecording {}

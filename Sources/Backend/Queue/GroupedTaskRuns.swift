import Postgres

/// Records attempts through `TaskRunStore`, with the starts and ends that the worker's slots
/// report at the same moment written together (`GroupCommit`): one statement and one commit
/// for several attempts instead of one each, which is most of a short task's cost. Each slot
/// still waits until its own row is committed, so nothing is recorded later than before.
public struct GroupedTaskRuns: TaskRunRecording {
  private let starts: GroupCommit<TaskRunStore.Start, Result<Int64, any Error>>
  private let finishes: GroupCommit<TaskRunStore.Finish, Result<Void, any Error>>

  // No more rows in one statement than a worker has slots, in practice.
  static let maxBatch = 64

  /// Batches over `store`.
  public init(store: TaskRunStore) {
    self.starts = GroupCommit(label: "sera.task-runs.start", maxBatch: GroupedTaskRuns.maxBatch) {
      batch in
      GroupedTaskRuns.eachOrAlone(batch) { try store.start($0) }
    }
    self.finishes = GroupCommit(
      label: "sera.task-runs.finish", maxBatch: GroupedTaskRuns.maxBatch
    ) { batch in
      GroupedTaskRuns.eachOrAlone(batch) { part in
        try store.finish(part)
        return part.map { _ in () }
      }
    }
  }

  /// Writes the batch at once; if the database refused it (rather than being out of reach) and
  /// it holds several rows, each row alone, so one bad row (a run that no longer exists, say)
  /// fails only its own slot.
  static func eachOrAlone<Row, Value>(_ batch: [Row], _ write: ([Row]) throws -> [Value])
    -> [Result<Value, any Error>]
  {
    do {
      return try write(batch).map { .success($0) }
    } catch {
      guard batch.count > 1, !PostgresError.isUnreachable(error) else {
        return batch.map { _ in .failure(error) }
      }
      return batch.flatMap { row in eachOrAlone([row], write) }
    }
  }

  public func start(taskId: String, taskName: String, attempt: Int, worker: String) throws -> Int64
  {
    try starts.submitAndWait(
      TaskRunStore.Start(taskId: taskId, taskName: taskName, attempt: attempt, worker: worker)
    ).get()
  }

  public func finish(runId: Int64, outcome: TaskRunOutcome, error: String?, durationMs: Double)
    throws
  {
    try finishes.submitAndWait(
      TaskRunStore.Finish(runId: runId, outcome: outcome, error: error, durationMs: durationMs)
    ).get()
  }
}

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
      do {
        return try store.start(batch).map { .success($0) }
      } catch {
        return batch.map { _ in .failure(error) }
      }
    }
    self.finishes = GroupCommit(
      label: "sera.task-runs.finish", maxBatch: GroupedTaskRuns.maxBatch
    ) { batch in
      do {
        try store.finish(batch)
        return batch.map { _ in .success(()) }
      } catch {
        return batch.map { _ in .failure(error) }
      }
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

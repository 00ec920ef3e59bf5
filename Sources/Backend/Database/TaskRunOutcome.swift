/// How one attempt of a task ended, stored in `task_runs.outcome`.
public enum TaskRunOutcome: String, Codable, Sendable, CaseIterable {
  case running
  case succeeded
  /// Failed and will be retried.
  case failed
  /// Ran past its handler's timeout.
  case timedOut = "timed_out"
  /// Its worker vanished; the lease expired and the task went back to the queue.
  case lost
  /// Failed for the last time (or permanently) and went to the dead-letter list.
  case dead

  /// The outcomes the failure rate counts.
  public static let failures: [TaskRunOutcome] = [.failed, .timedOut, .dead]
}

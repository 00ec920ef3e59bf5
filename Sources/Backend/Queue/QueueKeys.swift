/// The Redis keys of one task queue; every one is bounded or expires, as noted beside it.
struct QueueKeys: Sendable {
  /// The list producers LPUSH onto and workers take from the right (bounded by the backlog).
  let queue: String

  /// Leased task ids, scored by lease expiry in ms (bounded by tasks in flight).
  var leases: String { queue + ":leases" }
  /// Failed attempts waiting for their retry, scored by due time in ms (bounded by tasks).
  var delayed: String { queue + ":delayed" }
  /// Dead letters, newest first, trimmed to `TaskQueue.deadLetterLimit`.
  var dead: String { queue + ":dead" }
  /// Ids of workers that may own a processing list (removed once their list is empty).
  var workers: String { queue + ":workers" }

  /// A worker's own processing list (emptied by the worker, or the reaper once it is gone).
  func processing(_ workerId: String) -> String { queue + ":processing:" + workerId }
  /// A lease's token, worker, payload and run id (expires; renewed with the lease).
  func lease(_ taskId: String) -> String { queue + ":lease:" + taskId }
  /// A worker's liveness key (expires unless the worker's heartbeat renews it).
  func heartbeat(_ workerId: String) -> String { queue + ":worker:" + workerId }
  /// How often a task's lease was lost (expires after a day).
  func lost(_ taskId: String) -> String { queue + ":lost:" + taskId }
  /// Present while a task waits, runs or waits for a retry; gone once it has an outcome
  /// (expires after `TaskQueue.trackingTTLSeconds`).
  func task(_ taskId: String) -> String { queue + ":task:" + taskId }

  /// Where the final outcome of a task is kept, as Taskiq's result backend names it.
  static func result(_ taskId: String) -> String { "taskiq:result:" + taskId }
  /// The id of the latest generation task of a draft (expires after `trackingTTLSeconds`).
  static func draftTask(_ draftId: Int64) -> String { "sera:draft-task:\(draftId)" }

  /// The keys that have no expiry, by exact name or (ending in `:`) prefix, with their bound:
  /// the queue (backlog), leases and delayed (tasks), dead (trimmed), workers and processing
  /// lists (emptied when their worker is gone).
  var unexpiring: [String] {
    [queue, leases, delayed, dead, workers, queue + ":processing:"]
  }
}

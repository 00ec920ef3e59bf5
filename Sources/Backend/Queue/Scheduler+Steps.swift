import FoundationEssentials
import Redis
import Shared

extension Scheduler {
  /// The `timeout` label of the tasks the scheduler queues, in seconds, as the issue sets them
  /// (Taskiq's timeout middleware reads it; our worker applies the handler's own limit).
  static let timeoutLabels = [TaskName.generateDraft: "60", TaskName.publishPost: "30"]

  /// Enqueues `publish_post` for every scheduled draft that is due.
  func claimScheduled() throws {
    guard let drafts else { return }
    for draft in try drafts.claimDueScheduled(limit: options.claimBatch) {
      let message = Scheduler.message(TaskName.publishPost, draftId: draft.id, taskId: nil)
      try queue.enqueue(message)
      metrics.claimed.increment()
      logger.info(
        "scheduled_publish_enqueued",
        [("draft_id", .int(draft.id)), ("task_id", .string(message.taskId))])
    }
  }

  /// Enqueues `generate_draft` again, under the draft's own task id, for drafts left pending or
  /// generating whose task is nowhere in Redis; the check and the push are one atomic script,
  /// so a second scheduler or a task that is merely waiting never yields a second copy.
  func redrive() throws {
    guard let drafts else { return }
    let stale = try drafts.redrivable(
      olderThan: options.redriveAfterSeconds, limit: options.redriveBatch)
    for draft in stale {
      let message = Scheduler.message(
        TaskName.generateDraft, draftId: draft.draftId, taskId: draft.taskId)
      guard try queue.redrive(message) else { continue }
      metrics.redriven.increment()
      logger.warning(
        "draft_redriven",
        [
          ("draft_id", .int(draft.draftId)), ("status", .string(draft.status.rawValue)),
          ("task_id", .string(message.taskId)),
        ])
    }
  }

  static func message(_ taskName: String, draftId: Int64, taskId: String?) -> TaskMessage {
    let id = taskId.flatMap { TaskMessage.isValidTaskId($0) ? $0 : nil }
    return TaskMessage(
      taskId: id ?? TaskMessage.newTaskId(), taskName: taskName,
      labels: ["timeout": timeoutLabels[taskName] ?? "60"],
      kwargs: ["draft_id": .string(String(draftId))])
  }

  /// Appends one ops sample to the history the dashboard draws.
  func sample() throws {
    let counts = try queue.counts()
    metrics.queue.queueDepth.set(Double(counts.depth))
    metrics.queue.deadLetters.set(Double(counts.dead))
    metrics.queue.inFlight.set(Double(counts.inFlight))
    guard let stats else { return }
    let tasks = try stats.taskStats(sinceSeconds: 3600, taskName: nil)
    let llm = try stats.llmStats(sinceSeconds: 300)
    try history.append(
      OpsSample(
        at: Date(), queueDepth: counts.depth,
        failureRate: tasks.total == 0 ? 0 : Double(tasks.failed) / Double(tasks.total),
        p95Seconds: tasks.p95Seconds, llmCostTodayUSD: try stats.llmCost().today,
        llmErrorRate: llm.calls == 0 ? 0 : Double(llm.errors) / Double(llm.calls)))
  }
}

/// What the scheduler exports on its metrics port: its own steps, and the queue families the
/// worker exports (registered so dashboards find them on both ports; the gauges hold the
/// queue-wide figures of the last sample, the task counters stay at zero here).
struct SchedulerMetrics: Sendable {
  let ticks: Counter
  let errors: Counter
  let redriven: Counter
  let claimed: Counter
  let queue: WorkerMetrics

  init(registry: MetricsRegistry) {
    ticks = registry.counter("sera_scheduler_ticks_total", help: "Scheduler loop ticks.")
    errors = registry.counter(
      "sera_scheduler_errors_total", help: "Scheduler steps that failed.", labels: ["step"])
    redriven = registry.counter(
      "sera_scheduler_redriven_total", help: "Drafts re-driven after losing their task.")
    claimed = registry.counter(
      "sera_scheduler_publish_claims_total", help: "Scheduled drafts sent to publishing.")
    queue = WorkerMetrics(registry: registry)
  }
}

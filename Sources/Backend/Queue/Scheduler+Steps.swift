import FoundationEssentials
import Redis
import Shared

extension Scheduler {
  /// Marks a re-driven draft for this long, so one stuck draft gets one new task per window.
  static var redriveMarkerSeconds: Int { 900 }

  /// Enqueues `publish_post` for every scheduled draft that is due.
  func claimScheduled() throws {
    guard let drafts else { return }
    for draft in try drafts.claimDueScheduled(limit: options.claimBatch) {
      let message = TaskMessage(
        taskName: TaskName.publishPost, kwargs: ["draft_id": .string(String(draft.id))])
      try queue.enqueue(message)
      metrics.claimed.increment()
      logger.info(
        "scheduled_publish_enqueued",
        [("draft_id", .int(draft.id)), ("task_id", .string(message.taskId))])
    }
  }

  /// Enqueues `generate_draft` again for drafts left pending or generating with no live task;
  /// a marker key (`SET NX EX`) keeps a second scheduler or tick from enqueuing it twice.
  func redrive() throws {
    guard let drafts else { return }
    for draft in try drafts.redrivable(olderThan: options.redriveAfterSeconds) {
      let marker = "sera:redrive:\(draft.id)"
      let claimed = try queue.redis.checked(
        ["SET", marker, "1", "NX", "EX", String(Scheduler.redriveMarkerSeconds)])
      guard claimed == .status("OK") else { continue }
      let message = TaskMessage(
        taskName: TaskName.generateDraft, kwargs: ["draft_id": .string(String(draft.id))])
      try queue.enqueue(message)
      metrics.redriven.increment()
      logger.warning(
        "draft_redriven",
        [
          ("draft_id", .int(draft.id)), ("status", .string(draft.status.rawValue)),
          ("task_id", .string(message.taskId)),
        ])
    }
  }

  /// Appends one ops sample to the history the dashboard draws.
  func sample() throws {
    let counts = try queue.counts()
    metrics.queueDepth.set(Double(counts.depth))
    metrics.deadLetters.set(Double(counts.dead))
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

/// What the scheduler exports on its metrics port.
struct SchedulerMetrics: Sendable {
  let ticks: Counter
  let errors: Counter
  let redriven: Counter
  let claimed: Counter
  let queueDepth: Gauge
  let deadLetters: Gauge

  init(registry: MetricsRegistry) {
    ticks = registry.counter("sera_scheduler_ticks_total", help: "Scheduler loop ticks.")
    errors = registry.counter(
      "sera_scheduler_errors_total", help: "Scheduler steps that failed.", labels: ["step"])
    redriven = registry.counter(
      "sera_scheduler_redriven_total", help: "Drafts re-driven after losing their task.")
    claimed = registry.counter(
      "sera_scheduler_publish_claims_total", help: "Scheduled drafts sent to publishing.")
    queueDepth = registry.gauge("taskiq_queue_depth", help: "Messages waiting in the queue.")
    deadLetters = registry.gauge("taskiq_dead_letters", help: "Messages on the dead list.")
  }
}

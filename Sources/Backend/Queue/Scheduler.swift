import Dispatch
import FoundationEssentials
import Redis
import Shared

/// The one loop behind `sera scheduler`: due retries, the lease reaper, re-driving drafts that
/// lost their task, publishing scheduled drafts, and ops samples. Each step survives failures
/// of the others and of Redis or PostgreSQL.
public final class Scheduler: Sendable {
  let queue: TaskQueue
  let drafts: (any SchedulerDrafts)?
  let stats: (any OpsStatistics)?
  let runs: (any TaskRunRecording)?
  let history: OpsHistory
  let logger: Logger
  let options: SchedulerOptions
  let metrics: SchedulerMetrics
  let stopped = DispatchSemaphore(value: 0)
  let done = DispatchSemaphore(value: 0)

  /// A scheduler; absent stores skip the steps that need them.
  public init(
    queue: TaskQueue, drafts: (any SchedulerDrafts)?, stats: (any OpsStatistics)?,
    runs: (any TaskRunRecording)?, registry: MetricsRegistry, logger: Logger,
    options: SchedulerOptions = SchedulerOptions()
  ) {
    self.queue = queue
    self.drafts = drafts
    self.stats = stats
    self.runs = runs
    self.history = OpsHistory(redis: queue.redis)
    self.logger = logger
    self.options = options
    self.metrics = SchedulerMetrics(registry: registry)
  }

  /// Starts the loop on a thread of its own.
  public func start() {
    DispatchQueue(label: "sera.scheduler").async { [self] in
      var tick = 0
      repeat {
        self.tick(number: tick)
        tick += 1
      } while stopped.wait(timeout: .now() + options.tickInterval) == .timedOut
      done.signal()
    }
  }

  /// Stops the loop after the step it is in.
  public func stop() {
    stopped.signal()
    done.wait()
  }

  /// Runs the steps that are due on tick `number`.
  func tick(number: Int) {
    metrics.ticks.increment()
    step("promote_retries") { _ = try queue.promoteDueRetries() }
    step("reap") { try markLost(queue.reap()) }
    step("claim_scheduled") { try claimScheduled() }
    if number % every(options.redriveInterval) == 0 { step("redrive") { try redrive() } }
    if number % every(options.sampleInterval) == 0 { step("sample") { try sample() } }
  }

  private func every(_ seconds: Double) -> Int {
    max(1, Int((seconds / options.tickInterval).rounded()))
  }

  private func step(_ name: String, _ body: () throws -> Void) {
    do { try body() } catch {
      metrics.errors.increment([name])
      logger.warning(
        "scheduler_step_failed", [("step", .string(name)), ("error", .string("\(error)"))])
    }
  }

  private func markLost(_ reaped: [ReapedLease]) throws {
    for lost in reaped {
      logger.warning(
        lost.dead ? "task_dead_lettered" : "task_requeued_after_lost_lease",
        [("task_id", .string(lost.taskId))])
      if let runId = lost.runId {
        try runs?.finish(runId: runId, outcome: .lost, error: "lease expired", durationMs: 0)
      }
    }
  }
}

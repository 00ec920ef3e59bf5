import Dispatch
import FoundationEssentials
import Shared

extension Worker {
  func maintenanceLoop() {
    var failures = 0
    while isRunning {
      _ = wake.wait(timeout: .now() + maintenancePause())
      guard isRunning else { break }
      let started = Date().timeIntervalSince1970
      if runMaintenance(reap: true) {
        failures = 0
        state.withLock { $0.retriesDue.removeAll { $0 <= started } }
      } else {
        failures += 1
      }
    }
    wake.signal()  // pass the stop on to any slot pausing on the same semaphore
  }

  /// The maintenance interval, or less when a retry this worker scheduled falls due sooner.
  /// Retries scheduled by workers that have since gone are still promoted within an interval.
  private func maintenancePause() -> DispatchTimeInterval {
    let now = Date().timeIntervalSince1970
    let nextDue = state.withLock { $0.retriesDue.min() }
    var pause = options.maintenanceInterval
    if let nextDue { pause = min(pause, max(nextDue - now, 0) + 0.005) }
    return .milliseconds(Int(pause * 1000))
  }

  /// Beats, renews leases, promotes due retries, reaps expired leases and samples counts;
  /// returns false when Redis failed.
  @discardableResult
  func runMaintenance(reap: Bool) -> Bool {
    do {
      try heartbeatIfDue()
      try queue.promoteDueRetries()
      if reap { try noteReaped(queue.reap()) }
      let counts = try queue.counts()
      metrics.queueDepth.set(Double(counts.depth))
      metrics.deadLetters.set(Double(counts.dead))
      return true
    } catch {
      logger.warning("worker_maintenance_failed", [("error", .string("\(error)"))])
      return false
    }
  }

  private func heartbeatIfDue() throws {
    let now = Date().timeIntervalSince1970
    let due = state.withLock { state in
      guard now - state.lastHeartbeat >= options.heartbeatInterval else { return false }
      state.lastHeartbeat = now
      return true
    }
    guard due else { return }
    try queue.beat(workerId: id, ttl: options.workerTTL)
    for task in state.withLock({ Array($0.inFlight.values) }) where !(try queue.renew(task.lease)) {
      // Another worker may run it now; this attempt's outcome will be refused at finish.
      task.context.cancel()
      logger.warning(
        "task_lease_lost",
        [
          ("task_id", .string(task.lease.message.taskId)),
          ("task_name", .string(task.lease.message.taskName)),
        ])
    }
  }

  /// Logs and records leases the reaper found expired; a task buried for losing its leases too
  /// often gets its handler's final-failure step here, as any other dead task does.
  private func noteReaped(_ reaped: [ReapedLease]) {
    for lost in reaped {
      let message = try? SeraJSON.decode(TaskMessage.self, from: Array(lost.payload.utf8))
      let attempt = (message?.intLabel(TaskQueue.retriesLabel) ?? 0) + 1
      logger.warning(
        lost.dead ? "task_dead_lettered" : "task_requeued_after_lost_lease",
        [
          ("task_name", .string(message?.taskName ?? "unknown")), ("task_id", .string(lost.taskId)),
          ("attempt", .int(Int64(attempt))), ("duration_ms", .double(0)),
        ])
      metrics.tasks.increment([message?.taskName ?? "unknown", lost.dead ? "dead" : "lost"])
      if lost.dead, let message, let handler = handlers.withLock({ $0[message.taskName] }) {
        handler.finalFailure(message, reason: "its lease was lost too often (worker died or hung)")
      }
      guard let runId = lost.runId, let runs else { continue }
      do {
        try runs.finish(runId: runId, outcome: .lost, error: "lease expired", durationMs: 0)
      } catch {
        logger.warning("task_run_record_failed", [("error", .string("\(error)"))])
      }
    }
  }
}

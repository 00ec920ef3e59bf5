import Dispatch
import FoundationEssentials
import Shared
import Synchronization

/// How one attempt of a handler ended.
enum AttemptOutcome {
  case succeeded(JSONValue)
  case failed(any Error)
  case timedOut
}

extension Worker {
  /// Runs one leased attempt and settles it: result, retry or dead letter.
  func process(_ lease: TaskLease) {
    let message = lease.message
    guard let handler = handlers.withLock({ $0[message.taskName] }) else {
      let reason = "unknown task name \(message.taskName)"
      settleDead(lease, reason: reason, type: "UnknownTask", seconds: 0, runId: nil)
      return
    }
    let runId = recordStart(lease)
    let context = TaskContext(
      attempt: lease.attempt,
      logger: Logger(fields: [
        ("task_id", .string(message.taskId)), ("task_name", .string(message.taskName)),
      ]))
    state.withLock { $0.inFlight[lease.token] = InFlightTask(lease: lease, context: context) }
    metrics.inFlight.add(1)
    logger.info("task_started", fields(lease, 0))

    let started = DispatchTime.now()
    let outcome = execute(handler, message, context)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9

    state.withLock { _ = $0.inFlight.removeValue(forKey: lease.token) }
    metrics.inFlight.add(-1)
    metrics.duration.observe(seconds, [message.taskName])
    settle(lease, handler, outcome, seconds: seconds, runId: runId)
  }

  /// Runs the handler on a thread of its own and waits at most its timeout; a timed-out
  /// handler keeps running (a thread cannot be killed) but sees `isCancelled()`, and whatever
  /// it returns later is dropped: the attempt is already settled, and its lease token refused.
  private func execute(_ handler: any TaskHandler, _ message: TaskMessage, _ context: TaskContext)
    -> AttemptOutcome
  {
    let box = Mutex<AttemptOutcome?>(nil)
    let done = DispatchSemaphore(value: 0)
    DispatchQueue(label: "sera.task.\(message.taskName)").async {
      let outcome: AttemptOutcome
      do { outcome = .succeeded(try handler.run(message, context: context)) } catch {
        outcome = .failed(error)
      }
      box.withLock { $0 = outcome }
      done.signal()
    }
    let limit =
      Double(handler.timeout.components.seconds)
      + Double(handler.timeout.components.attoseconds) / 1e18
    guard done.wait(timeout: .now() + limit) == .success else {
      context.cancel()
      return .timedOut
    }
    return box.withLock { $0 } ?? .timedOut
  }

  private func settle(
    _ lease: TaskLease, _ handler: any TaskHandler, _ outcome: AttemptOutcome, seconds: Double,
    runId: Int64?
  ) {
    let name = lease.message.taskName
    switch outcome {
    case .succeeded(let value):
      let kept = (try? queue.complete(lease, value: value, executionTime: seconds)) ?? false
      metrics.tasks.increment([name, kept ? "success" : "lost"])
      let note = kept ? nil : "lease lost before finish"
      recordFinish(runId, kept ? .succeeded : .lost, note, seconds)
      logger.info(kept ? "task_completed" : "task_outcome_discarded", fields(lease, seconds))
    case .failed(TaskFailure.permanent(let reason)):
      metrics.failures.increment([name])
      settleDead(lease, reason: reason, type: "TaskFailure", seconds: seconds, runId: runId)
      handler.finalFailure(lease.message, reason: reason)
    case .failed(let error):
      failOrRetry(
        lease, handler, reason: "\(error)", timedOut: false, seconds: seconds, runId: runId)
    case .timedOut:
      let reason = "timed out after \(handler.timeout)"
      failOrRetry(lease, handler, reason: reason, timedOut: true, seconds: seconds, runId: runId)
    }
  }

  private func failOrRetry(
    _ lease: TaskLease, _ handler: any TaskHandler, reason: String, timedOut: Bool,
    seconds: Double, runId: Int64?
  ) {
    let name = lease.message.taskName
    metrics.failures.increment([name])
    logger.warning("task_failed", fields(lease, seconds) + [("error", .string(clip(reason)))])
    guard options.retryPolicy.allowsRetry(after: lease.attempt - 1) else {
      let final = "retries exhausted after \(lease.attempt) attempts: \(reason)"
      settleDead(
        lease, reason: final, type: timedOut ? "TimeoutError" : "TaskFailed",
        seconds: seconds, runId: runId)
      handler.finalFailure(lease.message, reason: final)
      return
    }
    let delay = options.retryPolicy.delay(retry: lease.attempt)
    let kept = (try? queue.retry(lease, after: delay)) ?? false
    if kept {
      let due = Date().timeIntervalSince1970 + delay
      state.withLock { $0.retriesDue.append(due) }
    }
    metrics.tasks.increment([name, timedOut ? "timeout" : "failure"])
    recordFinish(runId, kept ? (timedOut ? .timedOut : .failed) : .lost, clip(reason), seconds)
    guard kept else { return logger.warning("task_outcome_discarded", fields(lease, seconds)) }
    metrics.retries.increment([name])
    logger.info(
      "task_retry_scheduled", fields(lease, seconds) + [("delay_ms", .int(Int64(delay * 1000)))])
  }

  private func settleDead(
    _ lease: TaskLease, reason: String, type: String, seconds: Double, runId: Int64?
  ) {
    let kept =
      (try? queue.bury(lease, reason: clip(reason), errorType: type, executionTime: seconds))
      ?? false
    metrics.tasks.increment([lease.message.taskName, kept ? "dead" : "lost"])
    recordFinish(runId, kept ? .dead : .lost, clip(reason), seconds)
    logger.error(
      kept ? "task_dead_lettered" : "task_outcome_discarded",
      fields(lease, seconds) + [("reason", .string(clip(reason)))])
  }

  private func recordStart(_ lease: TaskLease) -> Int64? {
    guard let runs else { return nil }
    do {
      let runId = try runs.start(
        taskId: lease.message.taskId, taskName: lease.message.taskName, attempt: lease.attempt,
        worker: id)
      try? queue.noteRun(lease, runId: runId)
      return runId
    } catch {
      logger.warning("task_run_record_failed", [("error", .string("\(error)"))])
      return nil
    }
  }

  private func recordFinish(
    _ runId: Int64?, _ outcome: TaskRunOutcome, _ error: String?, _ seconds: Double
  ) {
    guard let runId, let runs else { return }
    do {
      try runs.finish(runId: runId, outcome: outcome, error: error, durationMs: seconds * 1000)
    } catch {
      logger.warning("task_run_record_failed", [("error", .string("\(error)"))])
    }
  }

  func fields(_ lease: TaskLease, _ seconds: Double? = nil) -> [(String, LogValue)] {
    var list: [(String, LogValue)] = [
      ("task_name", .string(lease.message.taskName)), ("task_id", .string(lease.message.taskId)),
      ("attempt", .int(Int64(lease.attempt))),
    ]
    if let seconds { list.append(("duration_ms", .double((seconds * 1000).rounded()))) }
    return list
  }

  /// Error texts are cut short: they go to logs, results and the dead list.
  private func clip(_ text: String) -> String {
    text.count <= 500 ? text : String(text.prefix(500)) + "…"
  }
}

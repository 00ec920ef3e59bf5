import Dispatch
import FoundationEssentials
import Redis
import Shared
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Runs tasks from a `TaskQueue` on threads of its own: `concurrency` slots that fetch and run
/// one task each, plus one loop for heartbeats, lease renewal, retry promotion and reaping.
public final class Worker: Sendable {
  /// This worker's id; names its processing list.
  public let id: String
  let queue: TaskQueue
  let runs: (any TaskRunRecording)?
  let metrics: WorkerMetrics
  let logger: Logger
  let options: WorkerOptions
  let handlers = Mutex<[String: any TaskHandler]>([:])
  let state = Mutex(WorkerState())
  let slots = DispatchGroup()
  let wake = DispatchSemaphore(value: 0)

  /// A worker on a queue; `runs` records attempts (nil: not recorded).
  public init(
    queue: TaskQueue, runs: (any TaskRunRecording)?, metrics: WorkerMetrics, logger: Logger,
    options: WorkerOptions = WorkerOptions(), id: String = Worker.newId()
  ) {
    self.id = id
    self.queue = queue
    self.runs = runs
    self.metrics = metrics
    self.logger = logger
    self.options = options
  }

  /// Starts the slots and the maintenance loop with the given handlers (plus `noop`).
  public func start(handlers list: [any TaskHandler]) {
    handlers.withLock { table in
      for handler in [NoopTaskHandler()] + list { table[handler.name] = handler }
    }
    state.withLock { $0.running = true }
    // Ready at once when Redis answers, not only after the first (blocking) fetch returns.
    let reachable = runMaintenance(reap: true)
    state.withLock { $0.fetching = reachable }
    for slot in 0..<options.concurrency {
      slots.enter()
      DispatchQueue(label: "sera.worker.slot.\(slot)").async { [self] in
        defer { slots.leave() }
        slotLoop()
      }
    }
    DispatchQueue(label: "sera.worker.maintenance").async { [self] in maintenanceLoop() }
    logger.info("worker_started", [("worker", .string(id)), ("queue", .string(queue.name))])
  }

  /// Stops taking work, lets running tasks finish within the grace period, returns the rest to
  /// the queue and retires the worker; returns how many tasks were handed back.
  @discardableResult
  public func stop() -> Int {
    state.withLock { $0.running = false }
    wake.signal()
    let finished = slots.wait(timeout: .now() + options.gracePeriod) == .success
    let leftovers = state.withLock { Array($0.inFlight.values) }
    var handedBack = 0
    if !finished {
      for task in leftovers {
        task.context.cancel()
        if (try? queue.release(task.lease)) == true { handedBack += 1 }
      }
    }
    do { try queue.retire(workerId: id) } catch {
      logger.warning("worker_retire_failed", [("error", .string("\(error)"))])
    }
    logger.info(
      "worker_stopped", [("worker", .string(id)), ("handed_back", .int(Int64(handedBack)))])
    return handedBack
  }

  /// Whether the worker still takes new work.
  public var isRunning: Bool { state.withLock { $0.running } }

  /// Whether the worker takes work and its last fetch reached Redis: what `/health` calls ready.
  public var isConsuming: Bool { state.withLock { $0.running && $0.fetching } }

  private func slotLoop() {
    var failures = 0
    while isRunning {
      do {
        let fetched = try queue.fetch(workerId: id, blockSeconds: options.blockSeconds)
        state.withLock { $0.fetching = true }
        failures = 0
        if let fetched { handle(fetched) }
      } catch {
        state.withLock { $0.fetching = false }
        failures += 1
        pause(afterFailures: failures, error)
      }
    }
  }

  private func handle(_ fetched: FetchedTask) {
    switch fetched {
    case .buried(let reason):
      logger.warning(
        "task_dead_lettered",
        [
          ("task_name", .string("unknown")), ("task_id", .string("")), ("attempt", .int(1)),
          ("duration_ms", .double(0)), ("reason", .string(reason)),
        ])
      metrics.tasks.increment(["unknown", "dead"])
    case .leased(let lease):
      guard isRunning else {
        _ = try? queue.release(lease)
        return
      }
      process(lease)
    }
  }

  /// Waits out a Redis (or PostgreSQL) outage with capped backoff, logging each failure.
  func pause(afterFailures failures: Int, _ error: any Error) {
    let delay = max(queue.redis.backoff.delay(afterFailures: failures), 0.05)
    logger.warning(
      "worker_dependency_error",
      [("error", .string("\(error)")), ("retry_in_ms", .int(Int64(delay * 1000)))])
    _ = wake.wait(timeout: .now() + delay)
    if !isRunning { wake.signal() }
  }

  /// A worker id that is unique per process: host, pid and a random suffix.
  public static func newId() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    gethostname(&buffer, buffer.count - 1)
    let host = String(decoding: buffer.prefix(while: { $0 != 0 }).map(UInt8.init), as: UTF8.self)
    return "\(host)-\(getpid())-\(String(UInt32.random(in: .min ... .max), radix: 16))"
  }
}

/// What the worker's threads share.
struct WorkerState {
  var running = false
  /// Whether the last fetch reached Redis.
  var fetching = false
  /// Running tasks by lease token.
  var inFlight: [String: InFlightTask] = [:]
  var lastHeartbeat = 0.0
  /// When retries this worker scheduled fall due (epoch seconds), so maintenance wakes on time
  /// for them rather than up to a whole interval late.
  var retriesDue: [Double] = []
}

/// A task that is running now.
struct InFlightTask: Sendable {
  let lease: TaskLease
  let context: TaskContext
}

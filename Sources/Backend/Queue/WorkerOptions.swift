import Shared

/// How a worker runs: concurrency, timing of its loops, and the retry policy.
public struct WorkerOptions: Sendable {
  /// Tasks run at once (config `SERA_WORKER_CONCURRENCY`).
  public var concurrency = 4
  /// How long one BLMOVE waits on an empty queue; short so shutdown is noticed quickly.
  public var blockSeconds = 2.0
  /// How often the heartbeat renews the worker key and the leases of running tasks; a third
  /// of the lease so two missed beats still keep it.
  public var heartbeatInterval = 10.0
  /// How long the worker key lives without a heartbeat.
  public var workerTTL = 30.0
  /// How often due retries are promoted and expired leases reaped.
  public var maintenanceInterval = 1.0
  /// How long running tasks may take to finish after a stop request.
  public var gracePeriod = 30.0
  /// When failed attempts run again.
  public var retryPolicy = RetryPolicy.standard

  /// The defaults above.
  public init() {}

  /// The defaults with the heartbeat, liveness and grace of the queue settings; a worker is
  /// presumed dead once it misses beats for a whole lease.
  public init(settings: QueueSettings, concurrency: Int) {
    self.concurrency = concurrency
    self.heartbeatInterval = Double(settings.heartbeatSeconds)
    self.workerTTL = Double(settings.leaseSeconds)
    self.gracePeriod = Double(settings.graceSeconds)
  }
}

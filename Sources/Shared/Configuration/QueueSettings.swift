/// The timing of the task queue: leases, heartbeats, shutdown grace, and the scheduler's sweeps.
/// Production defaults follow the architecture; tests shorten them to exercise crashes quickly.
public struct QueueSettings: Sendable, Equatable {
  /// How long a lease lasts unless the heartbeat renews it, in seconds.
  public var leaseSeconds: Int
  /// How often a worker renews its leases and its liveness key, in seconds.
  public var heartbeatSeconds: Int
  /// How long running tasks may take to finish after SIGTERM, in seconds.
  public var graceSeconds: Int
  /// How often the scheduler re-drives drafts that lost their task, in seconds.
  public var schedulerPeriodSeconds: Int
  /// How long a pending or generating draft must be untouched before it may be re-driven.
  public var redriveAgeSeconds: Int

  /// The variables these settings read, with what each means.
  public static let variables: [(name: String, meaning: String)] = [
    ("SERA_LEASE_SECONDS", "lease of a running task before another worker may take it (30)"),
    ("SERA_HEARTBEAT_SECONDS", "how often a worker renews leases; below the lease (10)"),
    ("SERA_GRACE_SECONDS", "time in-flight tasks get to finish after SIGTERM (30)"),
    ("SERA_SCHEDULER_PERIOD_SECONDS", "how often the scheduler re-drives lost drafts (10)"),
    ("SERA_REDRIVE_AGE_SECONDS", "a draft untouched this long may be re-driven (20)"),
  ]

  /// The defaults: a 30 s lease renewed every 10 s (two beats may be missed), Taskiq's 30 s
  /// shutdown grace, and a re-drive sweep every 10 s for drafts untouched for two sweeps.
  public init(
    leaseSeconds: Int = 30, heartbeatSeconds: Int = 10, graceSeconds: Int = 30,
    schedulerPeriodSeconds: Int = 10, redriveAgeSeconds: Int = 20
  ) {
    self.leaseSeconds = leaseSeconds
    self.heartbeatSeconds = heartbeatSeconds
    self.graceSeconds = graceSeconds
    self.schedulerPeriodSeconds = schedulerPeriodSeconds
    self.redriveAgeSeconds = redriveAgeSeconds
  }

  /// Reads the settings; a heartbeat that is not shorter than the lease is refused, because
  /// every lease would then expire between two renewals.
  public init(environment: [String: String]) throws(ConfigurationError) {
    let env = Environment(values: environment)
    let defaults = QueueSettings()
    let day = 86_400
    self.init(
      leaseSeconds: try env.integer(
        "SERA_LEASE_SECONDS", default: defaults.leaseSeconds, in: 2...day),
      heartbeatSeconds: try env.integer(
        "SERA_HEARTBEAT_SECONDS", default: defaults.heartbeatSeconds, in: 1...day),
      graceSeconds: try env.integer(
        "SERA_GRACE_SECONDS", default: defaults.graceSeconds, in: 0...day),
      schedulerPeriodSeconds: try env.integer(
        "SERA_SCHEDULER_PERIOD_SECONDS", default: defaults.schedulerPeriodSeconds, in: 1...day),
      redriveAgeSeconds: try env.integer(
        "SERA_REDRIVE_AGE_SECONDS", default: defaults.redriveAgeSeconds, in: 1...day))
    guard heartbeatSeconds < leaseSeconds else {
      throw ConfigurationError(
        variable: "SERA_HEARTBEAT_SECONDS",
        problem:
          "must be shorter than SERA_LEASE_SECONDS (\(leaseSeconds)), got \(heartbeatSeconds)"
      )
    }
  }
}

import Shared

/// The scheduler's pace.
public struct SchedulerOptions: Sendable {
  /// How often due retries move, leases are reaped and due scheduled drafts are claimed.
  public var tickInterval = 1.0
  /// How often an ops sample is taken: the dashboard's 10 s chart step.
  public var sampleInterval = 10.0
  /// How often drafts that lost their task are looked for.
  public var redriveInterval = 10.0
  /// A draft untouched this long while pending or generating is checked against Redis; a
  /// draft whose task still waits, runs or is delayed is left alone, so this can be short.
  public var redriveAfterSeconds = 20
  /// Drafts checked per re-drive sweep, so one sweep stays short after a large loss.
  public var redriveBatch = 500
  /// Scheduled drafts claimed per tick.
  public var claimBatch = 20

  /// The defaults above.
  public init() {}

  /// The defaults with the re-drive pace of the queue settings.
  public init(settings: QueueSettings) {
    self.redriveInterval = Double(settings.schedulerPeriodSeconds)
    self.redriveAfterSeconds = settings.redriveAgeSeconds
  }
}

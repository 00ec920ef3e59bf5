/// The scheduler's pace.
public struct SchedulerOptions: Sendable {
  /// How often due retries move, leases are reaped and due scheduled drafts are claimed.
  public var tickInterval = 1.0
  /// How often an ops sample is taken.
  public var sampleInterval = 10.0
  /// How often stuck drafts are looked for.
  public var redriveInterval = 30.0
  /// A draft untouched this long while pending or generating has no live task: longer than
  /// every attempt of `generate_draft` (4 × 180 s timeout + 35 s of backoff) together.
  public var redriveAfterSeconds = 900
  /// Scheduled drafts claimed per tick.
  public var claimBatch = 20

  /// The defaults above.
  public init() {}
}

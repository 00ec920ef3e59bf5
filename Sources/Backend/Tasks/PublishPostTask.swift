import Postgres
import Shared

/// `publish_post(draft_id)`: publishes a draft in `publishing` to each chosen platform through
/// that platform's publisher, one `publish_attempts` row per (draft, platform, text), and
/// settles the draft: `published` only when every platform confirmed.
///
/// A platform that confirmed this text before is skipped, so retrying a `publish_failed`
/// draft publishes only to the platforms that failed. Two workers never publish one attempt
/// at once: each claims the attempt row first.
public struct PublishPostTask: TaskHandler {
  public let name = TaskName.publishPost
  /// A platform call gets about 10 s; three platforms with retries stay well inside a minute.
  public let timeout: Duration = .seconds(60)
  /// A claim outlives the task's time limit, so a live worker never loses it mid-call.
  static let claimSeconds = 90

  private let drafts: DraftStore
  private let attempts: PublishAttemptStore
  private let settlement: PublishSettlement
  private let publishers: PlatformPublishers
  private let logger: Logger

  /// A handler publishing with `publishers`; published posts become style samples when
  /// `styleSamples` is given.
  public init(
    pool: PostgresPool, publishers: PlatformPublishers, styleSamples: StyleSampleStore?,
    logger: Logger
  ) {
    self.drafts = DraftStore(pool: pool)
    self.attempts = PublishAttemptStore(pool: pool)
    self.settlement = PublishSettlement(pool: pool, styleSamples: styleSamples, logger: logger)
    self.publishers = publishers
    self.logger = logger
  }

  /// The worker's handler: each platform's publisher from the configuration (the outbox
  /// unless set otherwise), and published posts added to the style samples.
  public init(
    configuration: Configuration, pool: PostgresPool, embedder: any TextEmbedder, logger: Logger
  ) {
    self.init(
      pool: pool, publishers: PlatformPublishers.configured(configuration, logger: logger),
      styleSamples: StyleSampleStore(pool: pool, embedder: embedder), logger: logger)
  }

  /// A handler publishing every platform with one publisher (the first round's wiring).
  public init(pool: PostgresPool, publisher: any Publisher, logger: Logger) {
    let all = Dictionary(uniqueKeysWithValues: Platform.allCases.map { ($0, publisher) })
    self.init(
      pool: pool, publishers: PlatformPublishers(all), styleSamples: nil, logger: logger)
  }

  public func run(_ message: TaskMessage, context: TaskContext) throws -> JSONValue {
    let id = try TaskArguments.draftId(message)
    guard let draft = try drafts.get(id: id) else {
      throw TaskFailure.permanent("draft \(id) does not exist")
    }
    if draft.status == .published {
      return .object(["draft_id": .int(id), "skipped": .bool(true)])
    }
    guard draft.status == .publishing else {
      throw TaskFailure.permanent("draft \(id) is \(draft.status.rawValue), not publishing")
    }
    guard let content = draft.content, !content.trimmed().isEmpty else {
      throw TaskFailure.permanent("draft \(id) has no text to publish")
    }
    var retryable: [String] = []
    for platform in try drafts.publishPlatforms(draftId: id) {
      if let problem = try publish(draft, content, to: platform, owner: message.taskId) {
        retryable.append(problem)
      }
    }
    let status = try settlement.settle(draftId: id)
    if status == nil, !retryable.isEmpty {
      throw PublishRetry(reasons: retryable)
    }
    return .object(["draft_id": .int(id), "status": .string(status?.rawValue ?? "publishing")])
  }

  public func finalFailure(_ message: TaskMessage, reason: String) {
    guard let id = try? TaskArguments.draftId(message) else { return }
    do {
      try settlement.settle(draftId: id, giveUp: true, reason: reason)
    } catch {
      logger.warning(
        "publish_final_failure_not_recorded",
        [("draft_id", .int(id)), ("error", .string(String(describing: error)))])
    }
  }

  /// Publishes to one platform; returns a reason to retry the task, nil when settled.
  private func publish(_ draft: Draft, _ content: String, to platform: Platform, owner: String)
    throws -> String?
  {
    let attempt = try attempts.begin(
      draftId: draft.id, platform: platform, version: draft.version, content: content)
    if attempt.state == .succeeded { return nil }
    guard try attempts.claim(id: attempt.id, owner: owner, seconds: Self.claimSeconds) else {
      return "\(platform.displayName): being published by another worker"
    }
    defer { try? attempts.release(id: attempt.id, owner: owner) }
    guard let publisher = publishers.publisher(for: platform) else {
      try attempts.fail(id: attempt.id, error: "no publisher is configured")
      return nil
    }
    let fresh = try attempts.get(id: attempt.id) ?? attempt
    let post = OutgoingPost(
      draftId: draft.id, platform: platform, content: content, version: draft.version,
      idempotencyKey: fresh.idempotencyKey)
    let outcome: PublishOutcome
    do {
      outcome = try publisher.publish(
        post, journal: AttemptJournal(store: attempts, attempt: fresh))
    } catch {
      return try record(error, attempt: attempt, draftId: draft.id)
    }
    if case .posted(let receipt) = outcome {
      try attempts.succeed(id: attempt.id, receipt: receipt)
    }
    return nil
  }

  private func record(_ error: PublishError, attempt: PublishAttempt, draftId: Int64) throws
    -> String?
  {
    logger.warning(
      "publish_platform_failed",
      [
        ("draft_id", .int(draftId)), ("platform", .string(error.platform.rawValue)),
        ("error", .string(error.message)),
      ])
    if error.isRetryable {
      // Kept `started` so the settlement waits for the retry; the error shows meanwhile.
      try attempts.noteError(id: attempt.id, error: error.message)
      return error.description
    }
    try attempts.fail(id: attempt.id, error: error.message, unknown: error.kind == .outcomeUnknown)
    return nil
  }
}

/// Some platform may still take the post on another try.
struct PublishRetry: Error, CustomStringConvertible {
  var reasons: [String]
  var description: String { reasons.joined(separator: "; ") }
}

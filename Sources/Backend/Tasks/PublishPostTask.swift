import Postgres
import Shared

/// `publish_post(draft_id)`: publishes a draft in `publishing` to each chosen platform, records
/// every post in `published_posts`, and only then marks the draft `published`.
///
/// A retry after a partial failure is safe: the publisher returns the same receipt for a post it
/// already made, and `published_posts` keeps one row per (draft, platform, content version).
public struct PublishPostTask: TaskHandler {
  public let name = TaskName.publishPost
  /// A platform call gets about 10 s; three platforms with retries stay well inside a minute.
  public let timeout: Duration = .seconds(60)

  private let pool: PostgresPool
  private let drafts: DraftStore
  private let notifications: NotificationStore
  private let publisher: any Publisher
  private let logger: Logger

  /// A handler publishing with `publisher` and recording through `pool`.
  public init(pool: PostgresPool, publisher: any Publisher, logger: Logger) {
    self.pool = pool
    self.drafts = DraftStore(pool: pool)
    self.notifications = NotificationStore(pool: pool)
    self.publisher = publisher
    self.logger = logger
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
    let platforms = try drafts.publishPlatforms(draftId: id)
    try checkLengths(content, platforms: platforms)
    var urls: [String: JSONValue] = [:]
    for platform in platforms {
      let receipt = try publisher.publish(
        draft: draft, platform: platform, content: content, version: draft.version)
      try record(receipt, draftId: id, platform: platform, version: draft.version)
      urls[platform.rawValue] = .string(receipt.url)
    }
    let names = platforms.map(\.displayName).joined(separator: ", ")
    _ = try drafts.transition(
      id: id, from: [.publishing], to: .published, expectedVersion: nil, actor: "worker",
      actorUserId: nil, detail: "published to \(names)", changes: DraftChanges(lastError: ""))
    return .object(["draft_id": .int(id), "posts": .object(urls)])
  }

  public func finalFailure(_ message: TaskMessage, reason: String) {
    guard let id = try? TaskArguments.draftId(message) else { return }
    do {
      let failed = try drafts.transition(
        id: id, from: [.publishing], to: .publishFailed, expectedVersion: nil, actor: "worker",
        actorUserId: nil, detail: reason, changes: DraftChanges(lastError: reason))
      try notifications.add(
        userId: failed.userId, draftId: id, kind: "publish_failed",
        message: "Draft \(id) was not published: \(reason)")
    } catch {
      logger.warning(
        "publish_final_failure_not_recorded",
        [
          ("draft_id", .int(id)), ("error", .string(String(describing: error))),
        ])
    }
  }

  /// A text too long for a platform can never be published by retrying.
  private func checkLengths(_ content: String, platforms: [Platform]) throws {
    for platform in platforms {
      let length = PlatformTextMetrics.length(of: content, on: platform)
      if length > platform.characterLimit {
        throw TaskFailure.permanent(
          "too long for \(platform.displayName): \(length) of \(platform.characterLimit) "
            + PlatformTextMetrics.unitName(for: platform))
      }
    }
  }

  private func record(_ receipt: PublishReceipt, draftId: Int64, platform: Platform, version: Int)
    throws
  {
    _ = try pool.execute(
      """
      INSERT INTO published_posts (draft_id, platform, post_url, platform_post_id, content_version)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (draft_id, platform, content_version) DO NOTHING
      """, [draftId, platform.rawValue, receipt.url, receipt.postId, version])
  }
}

import Postgres
import Shared

/// Decides a publishing draft's fate from its attempts: `published` only when every requested
/// platform confirmed this text, `publish_failed` (with each platform's error) when one failed
/// and none is still on its way. Used by the publish task and by the n8n callback.
public struct PublishSettlement: Sendable {
  private let drafts: DraftStore
  private let attempts: PublishAttemptStore
  private let notifications: NotificationStore
  private let styleSamples: StyleSampleStore?
  private let logger: Logger

  /// A settlement over `pool`; published posts become style samples when `styleSamples` is set.
  public init(pool: PostgresPool, styleSamples: StyleSampleStore?, logger: Logger) {
    self.drafts = DraftStore(pool: pool)
    self.attempts = PublishAttemptStore(pool: pool)
    self.notifications = NotificationStore(pool: pool)
    self.styleSamples = styleSamples
    self.logger = logger
  }

  /// The status the draft settled in, or nil while some platform is still on its way;
  /// `giveUp` treats platforms still on their way as failed (the task's retries are spent).
  @discardableResult
  public func settle(draftId: Int64, giveUp: Bool = false, reason: String? = nil) throws
    -> DraftStatus?
  {
    guard let draft = try drafts.get(id: draftId) else { throw StoreError.notFound }
    guard draft.status == .publishing, let content = draft.content else { return draft.status }
    let platforms = try drafts.publishPlatforms(draftId: draftId)
    var confirmed: [Platform] = []
    var errors: [String] = []
    for platform in platforms {
      let key = PublishAttemptStore.idempotencyKey(
        draftId: draftId, platform: platform, content: content)
      let attempt = try attempts.find(key: key)
      switch attempt?.state {
      case .succeeded?: confirmed.append(platform)
      case .failed?, .unknown?:
        errors.append("\(platform.displayName): \(attempt?.error ?? "failed")")
      case .started?, nil:
        guard giveUp else { continue }
        errors.append("\(platform.displayName): \(attempt?.error ?? reason ?? "not confirmed")")
      }
    }
    if confirmed.count == platforms.count { return try markPublished(draft, content, platforms) }
    let waiting = platforms.count - confirmed.count - errors.count
    guard !errors.isEmpty, waiting == 0 else { return nil }
    return try markFailed(draft, errors.joined(separator: "; "))
  }

  private func markPublished(_ draft: Draft, _ content: String, _ platforms: [Platform]) throws
    -> DraftStatus
  {
    let names = platforms.map(\.displayName).joined(separator: ", ")
    do {
      _ = try drafts.transition(
        id: draft.id, from: [.publishing], to: .published, expectedVersion: nil, actor: "worker",
        actorUserId: nil, detail: "published to \(names)", changes: DraftChanges(lastError: ""))
    } catch StoreError.conflict(let current) {
      return current.status
    }
    do {
      try styleSamples?.add(content: content, draftId: draft.id, userId: draft.userId)
    } catch {
      // The post is out; a missing style sample must not turn that into a failure.
      logger.warning(
        "style_sample_not_added",
        [("draft_id", .int(draft.id)), ("error", .string(String(describing: error)))])
    }
    return .published
  }

  private func markFailed(_ draft: Draft, _ reason: String) throws -> DraftStatus {
    do {
      let failed = try drafts.transition(
        id: draft.id, from: [.publishing], to: .publishFailed, expectedVersion: nil,
        actor: "worker", actorUserId: nil, detail: reason, changes: DraftChanges(lastError: reason))
      try notifications.add(
        userId: failed.userId, draftId: draft.id, kind: "publish_failed",
        message: "Draft \(draft.id) was not published: \(reason)")
    } catch StoreError.conflict(let current) {
      return current.status
    }
    return .publishFailed
  }
}

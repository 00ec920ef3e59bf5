import Postgres
import Shared

/// Moves a draft to `publishing` and queues `publish_post`: the one path of the API's publish
/// route (which the dashboard uses too) and of the Slack card's Publish button.
///
/// A retry of a `publish_failed` draft that names no platforms goes to the platforms asked for
/// last time, not to the draft's own platform: the task skips those that already confirmed this
/// text, so only the unconfirmed ones are sent again, and the settlement marks the draft
/// `published` only when every one of them has confirmed.
struct PublishStart: Sendable {
  let drafts: DraftStore
  let attempts: PublishAttemptStore
  let queue: TaskQueue

  /// A publish path over `pool`, queueing on `queue`.
  init(pool: PostgresPool, queue: TaskQueue) {
    self.drafts = DraftStore(pool: pool)
    self.attempts = PublishAttemptStore(pool: pool)
    self.queue = queue
  }

  /// The queue did not take the task; the draft was moved to `publish_failed` so it does not
  /// sit in `publishing` with nothing to move it on.
  struct QueueUnreachable: Error, CustomStringConvertible {
    let draft: Draft
    let underlying: any Error

    var description: String { "draft \(draft.id): task queue unreachable: \(underlying)" }
  }

  /// A draft now in `publishing` and the task queued for it.
  struct Started {
    let draft: Draft
    let message: TaskMessage
  }

  /// Starts publishing at the version the caller saw. `asked` are the platforms a person
  /// chose; nil means the draft's own platform, or for a retry the last request's platforms.
  func start(
    draftId: Int64, from: [DraftStatus], expectedVersion: Int?, asked: [Platform]?,
    actor: String, actorUserId: Int64?
  ) throws -> Started {
    guard let current = try drafts.get(id: draftId) else { throw StoreError.notFound }
    let platforms = try self.platforms(for: current, asked: asked)
    let moved = try drafts.transition(
      id: draftId, from: from, to: .publishing, expectedVersion: expectedVersion, actor: actor,
      actorUserId: actorUserId, detail: try detail(current, platforms),
      changes: DraftChanges(publishPlatforms: platforms), bumpVersion: true)
    let message = TaskMessage(
      taskName: TaskName.publishPost,
      kwargs: ["draft_id": .string(String(moved.id)), "version": .int(Int64(moved.version))])
    do {
      try queue.enqueue(message)
    } catch {
      let reason = "the task queue was unreachable; publish again"
      _ = try? drafts.transition(
        id: moved.id, from: [.publishing], to: .publishFailed, expectedVersion: moved.version,
        actor: actor, actorUserId: actorUserId, detail: reason,
        changes: DraftChanges(lastError: reason))
      throw QueueUnreachable(draft: moved, underlying: error)
    }
    return Started(draft: moved, message: message)
  }

  /// The platforms a publish goes to: those asked for; else, for a retry, the last request's;
  /// else the draft's own platform.
  func platforms(for draft: Draft, asked: [Platform]?) throws -> [Platform] {
    if let asked, !asked.isEmpty { return asked }
    guard draft.status == .publishFailed else { return [draft.platform] }
    return try drafts.publishPlatforms(draftId: draft.id)
  }

  /// Those of `platforms` with no confirmed post of the draft's current text.
  func unconfirmed(_ draft: Draft, among platforms: [Platform]) throws -> [Platform] {
    guard let content = draft.content else { return platforms }
    return try platforms.filter { platform in
      let key = PublishAttemptStore.idempotencyKey(
        draftId: draft.id, platform: platform, content: content)
      return try attempts.find(key: key)?.state != .succeeded
    }
  }

  /// The history line: the platforms, and for a retry which of them are sent again.
  private func detail(_ draft: Draft, _ platforms: [Platform]) throws -> String {
    let names = platforms.map(\.rawValue).joined(separator: ",")
    guard draft.status == .publishFailed else { return names }
    let again = try unconfirmed(draft, among: platforms).map(\.rawValue)
    return again.isEmpty ? names : names + "; retrying " + again.joined(separator: ",")
  }
}

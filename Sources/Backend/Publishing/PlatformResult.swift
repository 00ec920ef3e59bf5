import Shared

/// How publishing the draft's current text went on one platform it was asked for: what the
/// Slack card shows for a draft that failed to publish.
struct PlatformResult: Sendable, Equatable {
  /// Where a platform stands.
  enum State: Sendable, Equatable {
    /// The platform confirmed the post.
    case published(url: String?)
    /// The platform refused it, or the retries ran out, with the error.
    case failed(String)
    /// Nothing is known yet: no attempt, or one still on its way.
    case unconfirmed
  }

  let platform: Platform
  let state: State

  /// The result of each platform of the draft's last publish request, for its current text.
  static func current(for draft: Draft, drafts: DraftStore, attempts: PublishAttemptStore)
    throws -> [PlatformResult]
  {
    guard let content = draft.content else { return [] }
    return try drafts.publishPlatforms(draftId: draft.id).map { platform in
      let key = PublishAttemptStore.idempotencyKey(
        draftId: draft.id, platform: platform, content: content)
      return PlatformResult(platform: platform, state: state(of: try attempts.find(key: key)))
    }
  }

  private static func state(of attempt: PublishAttempt?) -> State {
    guard let attempt else { return .unconfirmed }
    switch attempt.state {
    case .succeeded: return .published(url: attempt.postURL)
    case .failed, .unknown: return .failed(attempt.error ?? "failed")
    case .started: return attempt.error.map(State.failed) ?? .unconfirmed
    }
  }
}

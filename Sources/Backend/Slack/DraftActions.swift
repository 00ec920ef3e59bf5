import FoundationEssentials
import Shared

/// What a physician can do to a draft from Slack. Each is one conditional update at the version
/// the card showed; a lost race becomes a `SlackRefusal` saying what the draft is now.
struct DraftActions {
  let app: SlackApp
  let actor: String

  /// States a Slack edit or schedule may start from; an edited draft needs review again.
  static let editable: [DraftStatus] = [.generated, .approved, .scheduled, .publishFailed]

  /// Approves and publishes at once: the card's Publish button is the physician's approval.
  /// Through the same path as the API's publish route, so a retry after a partial failure
  /// goes to the platforms not yet confirmed.
  func publish(_ value: SlackActionValue) throws {
    do {
      _ = try app.publishing.start(
        draftId: value.draftId, from: DraftStatus.publishable + [.generated],
        expectedVersion: value.version, asked: nil, actor: actor, actorUserId: nil)
    } catch let error as StoreError {
      throw refusal(error, publishing: true)
    }
  }

  /// Writes the draft again from scratch.
  func regenerate(_ value: SlackActionValue) throws {
    let moved = try move(value, from: DraftStatus.regenerable, to: .pending)
    try app.queue.enqueue(
      TaskMessage(
        taskName: TaskName.generateDraft,
        labels: ["timeout": DraftRequester.generateTimeoutLabel],
        kwargs: ["draft_id": .string(String(moved.id))]))
  }

  /// Rejects the draft; the reason is kept on the draft and as feedback for later drafts, as
  /// the API's reject route does.
  func reject(_ value: SlackActionValue, reason: String?, userId: Int64?) throws {
    _ = try move(
      value, from: DraftStatus.rejectable, to: .rejected, detail: reason ?? "from Slack",
      changes: DraftChanges(lastError: reason))
    guard let reason, let userId else { return }
    // The rejection stands even if the feedback row fails; the reason is on the draft too.
    do {
      try app.feedback.add(draftId: value.draftId, userId: userId, comment: reason)
    } catch {
      app.logger.warning(
        "feedback_not_saved", [("draft_id", .int(value.draftId)), ("error", .string("\(error)"))])
    }
  }

  /// Saves new text; the draft goes back to review.
  func edit(_ value: SlackActionValue, content: String) throws {
    _ = try move(
      value, from: DraftActions.editable, to: .generated, changes: DraftChanges(content: content))
  }

  /// Schedules publishing at `date` to the draft's platform, or for a draft that failed to
  /// publish, to the platforms its last publish asked for.
  func schedule(_ value: SlackActionValue, at date: Date) throws {
    let current = try existing(value.draftId)
    let platforms = try app.publishing.platforms(for: current, asked: nil)
    _ = try move(
      value, from: DraftActions.editable, to: .scheduled,
      changes: DraftChanges(scheduledAt: date, publishPlatforms: platforms))
  }

  private func existing(_ id: Int64) throws -> Draft {
    guard let draft = try app.drafts.get(id: id) else {
      throw SlackRefusal(message: app.text.draftMissing)
    }
    return draft
  }

  private func move(
    _ value: SlackActionValue, from: [DraftStatus], to: DraftStatus,
    detail: String = "from Slack", changes: DraftChanges = .init()
  ) throws -> Draft {
    do {
      return try app.drafts.transition(
        id: value.draftId, from: from, to: to, expectedVersion: value.version, actor: actor,
        actorUserId: nil, detail: detail, changes: changes, bumpVersion: true)
    } catch let error as StoreError {
      throw refusal(error, publishing: to == .publishing)
    }
  }

  /// What to tell the person whose action lost a race or found no draft.
  private func refusal(_ error: StoreError, publishing: Bool) -> any Error {
    switch error {
    case .conflict(let current):
      if publishing, [.publishing, .published].contains(current.status) {
        return SlackRefusal(message: app.text.alreadyPublished)
      }
      return SlackRefusal(message: app.text.draftMoved(status: current.status))
    case .notFound: return SlackRefusal(message: app.text.draftMissing)
    default: return error
    }
  }
}

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
  func publish(_ value: SlackActionValue) throws {
    let current = try existing(value.draftId)
    let moved = try move(
      value, from: DraftStatus.publishable + [.generated], to: .publishing,
      changes: DraftChanges(publishPlatforms: [current.platform]))
    let message = TaskMessage(
      taskName: TaskName.publishPost,
      kwargs: ["draft_id": .string(String(moved.id)), "version": .int(Int64(moved.version))])
    do {
      try app.queue.enqueue(message)
    } catch {
      let reason = "the task queue was unreachable; publish again"
      _ = try? app.drafts.transition(
        id: moved.id, from: [.publishing], to: .publishFailed, expectedVersion: moved.version,
        actor: actor, actorUserId: nil, detail: reason, changes: DraftChanges(lastError: reason))
      throw error
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

  func reject(_ value: SlackActionValue) throws {
    _ = try move(value, from: DraftStatus.rejectable, to: .rejected)
  }

  /// Saves new text; the draft goes back to review.
  func edit(_ value: SlackActionValue, content: String) throws {
    _ = try move(
      value, from: DraftActions.editable, to: .generated, changes: DraftChanges(content: content))
  }

  /// Schedules publishing at `date` to the draft's platform.
  func schedule(_ value: SlackActionValue, at date: Date) throws {
    let current = try existing(value.draftId)
    _ = try move(
      value, from: DraftActions.editable, to: .scheduled,
      changes: DraftChanges(scheduledAt: date, publishPlatforms: [current.platform]))
  }

  private func existing(_ id: Int64) throws -> Draft {
    guard let draft = try app.drafts.get(id: id) else {
      throw SlackRefusal(message: app.text.draftMissing)
    }
    return draft
  }

  private func move(
    _ value: SlackActionValue, from: [DraftStatus], to: DraftStatus,
    changes: DraftChanges = .init()
  ) throws -> Draft {
    do {
      return try app.drafts.transition(
        id: value.draftId, from: from, to: to, expectedVersion: value.version, actor: actor,
        actorUserId: nil, detail: "from Slack", changes: changes, bumpVersion: true)
    } catch StoreError.conflict(let current) {
      if [.publishing, .published].contains(current.status), to == .publishing {
        throw SlackRefusal(message: app.text.alreadyPublished)
      }
      throw SlackRefusal(message: app.text.draftMoved(status: current.status))
    } catch StoreError.notFound {
      throw SlackRefusal(message: app.text.draftMissing)
    }
  }
}

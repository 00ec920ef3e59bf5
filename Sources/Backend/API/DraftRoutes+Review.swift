import HTTPServer
import Shared

extension DraftRoutes {
  /// generated → approved, only at the version the physician saw.
  func approve(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let id = try context.id()
    let body = try RequestBody.decode(DraftActionRequest.self, from: context.request)
    try DraftInput.version(body.version)
    let draft = try store.run("approve the draft") {
      try drafts.transition(
        id: id, from: DraftStatus.approvable, to: .approved, expectedVersion: body.version,
        actor: context.actor, actorUserId: context.user.userId, detail: nil, bumpVersion: true)
    }
    return .json(draft)
  }

  /// → rejected; the reason is kept on the draft and as feedback for later drafts.
  func reject(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let id = try context.id()
    let body = try RequestBody.decode(DraftActionRequest.self, from: context.request)
    try DraftInput.version(body.version)
    let reason = try DraftInput.reason(body.reason)
    let draft = try store.run("reject the draft") {
      try drafts.transition(
        id: id, from: DraftStatus.rejectable, to: .rejected, expectedVersion: body.version,
        actor: context.actor, actorUserId: context.user.userId, detail: reason,
        changes: DraftChanges(lastError: reason), bumpVersion: true)
    }
    if let reason {
      // The rejection stands even if the feedback row fails; the reason is on the draft too.
      do {
        try feedback.add(draftId: id, userId: context.user.userId, comment: reason)
      } catch {
        logger.warning(
          "feedback_not_saved", [("draft_id", .int(id)), ("error", .string("\(error)"))])
      }
    }
    return .json(draft)
  }

  /// approved, scheduled or publish_failed → publishing, then queues `publish_post`.
  func publish(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let id = try context.id()
    let body = try RequestBody.decode(DraftActionRequest.self, from: context.request)
    try DraftInput.version(body.version)
    let platforms = try DraftInput.platforms(body.platforms, default: try existing(id).platform)
    let draft = try store.run("start publishing") {
      try drafts.transition(
        id: id, from: DraftStatus.publishable, to: .publishing, expectedVersion: body.version,
        actor: context.actor, actorUserId: context.user.userId,
        detail: platforms.map(\.rawValue).joined(separator: ","),
        changes: DraftChanges(publishPlatforms: platforms), bumpVersion: true)
    }
    let message = TaskMessage(
      taskName: TaskName.publishPost,
      kwargs: ["draft_id": .string(String(id)), "version": .int(Int64(draft.version))])
    do throws(APIError) {
      try enqueue(message, for: draft)
    } catch {
      markPublishFailed(draft, actor: context.actor, userId: context.user.userId)
      throw error
    }
    return .json(status: 202, QueuedDraft(draft: draft, taskId: message.taskId))
  }

  /// Leaves no draft in `publishing` with no task to move it on.
  private func markPublishFailed(_ draft: Draft, actor: String, userId: Int64) {
    let reason = "the task queue was unreachable; publish again"
    _ = try? drafts.transition(
      id: draft.id, from: [.publishing], to: .publishFailed, expectedVersion: draft.version,
      actor: actor, actorUserId: userId, detail: reason, changes: DraftChanges(lastError: reason))
  }
}

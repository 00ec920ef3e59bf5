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

  /// approved, scheduled or publish_failed → publishing, then queues `publish_post`; a retry
  /// naming no platforms goes to the ones not yet confirmed (see `PublishStart`).
  func publish(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let id = try context.id()
    let body = try RequestBody.decode(DraftActionRequest.self, from: context.request)
    try DraftInput.version(body.version)
    var asked: [Platform]?
    if let list = body.platforms { asked = try DraftInput.platforms(list, default: .telegram) }
    let started = try store.run("start publishing") { () throws -> PublishStart.Started in
      do {
        return try publishing.start(
          draftId: id, from: DraftStatus.publishable, expectedVersion: body.version,
          asked: asked, actor: context.actor, actorUserId: context.user.userId)
      } catch let down as PublishStart.QueueUnreachable {
        logger.error(
          "enqueue_failed",
          [
            ("task", .string(TaskName.publishPost)), ("draft_id", .int(id)),
            ("error", .string("\(down.underlying)")),
          ])
        throw APIError.unavailable(
          "draft \(id) was not published: the task queue is unreachable; publish again once"
            + " Redis is back")
      }
    }
    return .json(status: 202, QueuedDraft(draft: started.draft, taskId: started.message.taskId))
  }
}

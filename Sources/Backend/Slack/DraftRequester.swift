import Shared

/// Saves a requested draft and queues its generation: the one path behind `/draft`, the Slack
/// form and `POST /api/v1/draft`. The task is queued only after the insert committed.
struct DraftRequester: Sendable {
  let drafts: DraftStore
  let queue: TaskQueue
  let store: StoreCall
  let logger: Logger

  // The generate task's time limit label, as the replaced system set it (DraftRoutes does too).
  static let generateTimeoutLabel = "60"

  /// The new draft and its task id; `beforeQueueing` runs between insert and enqueue (to attach
  /// a Slack card). Throws 422 for a bad request and 503 when the database or queue is down.
  func request(
    _ asked: CreateDraftRequest, userId: Int64, actor: String,
    beforeQueueing: (Draft) throws -> Void = { _ in }
  ) throws(APIError) -> QueuedDraft {
    let body = try DraftInput.validated(asked)
    let draft = try store.run("save the draft") {
      let draft = try drafts.create(
        userId: userId, topic: body.topic, platform: body.platform, sourceURL: body.sourceURL)
      try beforeQueueing(draft)
      return draft
    }
    let message = TaskMessage(
      taskName: TaskName.generateDraft, labels: ["timeout": DraftRequester.generateTimeoutLabel],
      kwargs: ["draft_id": .string(String(draft.id))])
    do {
      try queue.enqueue(message)
    } catch {
      // The scheduler's redrive sweep queues a pending draft again once Redis is back.
      logger.error(
        "enqueue_failed", [("draft_id", .int(draft.id)), ("error", .string("\(error)"))])
      throw .unavailable("draft \(draft.id) is saved; it is queued once the task queue is back")
    }
    remember(message.taskId, on: draft, actor: actor, userId: userId)
    return QueuedDraft(draft: draft, taskId: message.taskId)
  }

  /// Stores the task id; a worker that already took the draft makes this a no-op.
  private func remember(_ taskId: String, on draft: Draft, actor: String, userId: Int64) {
    do {
      _ = try drafts.transition(
        id: draft.id, from: [.pending], to: .pending, expectedVersion: nil, actor: actor,
        actorUserId: userId, detail: "queued as task \(taskId)",
        changes: DraftChanges(taskId: taskId))
    } catch StoreError.conflict {
      return
    } catch {
      logger.warning("task_id_not_saved", [("draft_id", .int(draft.id))])
    }
  }
}

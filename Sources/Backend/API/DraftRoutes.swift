import HTTPServer
import Shared

/// The draft routes: ask for a draft, list and read drafts, approve, reject and publish.
struct DraftRoutes: Sendable {
  let drafts: DraftStore
  let feedback: FeedbackStore
  let queue: TaskQueue
  let publishing: PublishStart
  let store: StoreCall
  let logger: Logger

  // The generate task's time limit, in seconds, as the replaced system's label set it.
  static let generateTimeoutLabel = "60"
  static let defaultListLimit = 50
  static let maxListLimit = 200

  func register(in router: inout Router) {
    let routes = self
    router.add("POST", "/api/v1/drafts", .editDrafts) { context throws(APIError) in
      try routes.create(context)
    }
    router.add("GET", "/api/v1/drafts", .read) { context throws(APIError) in
      try routes.list(context)
    }
    router.add("GET", "/api/v1/drafts/{id}", .read) { context throws(APIError) in
      try routes.get(context)
    }
    router.add("GET", "/api/v1/drafts/{id}/events", .read) { context throws(APIError) in
      try routes.events(context)
    }
    router.add("POST", "/api/v1/drafts/{id}/approve", .editDrafts) { context throws(APIError) in
      try routes.approve(context)
    }
    router.add("POST", "/api/v1/drafts/{id}/reject", .editDrafts) { context throws(APIError) in
      try routes.reject(context)
    }
    router.add("POST", "/api/v1/drafts/{id}/publish", .editDrafts) { context throws(APIError) in
      try routes.publish(context)
    }
  }

  /// Saves the draft, then queues its generation; the task is queued only after the insert
  /// committed, so a worker never looks for a draft that is not there yet.
  func create(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let body = try DraftInput.validated(
      try RequestBody.decode(CreateDraftRequest.self, from: context.request))
    let draft = try store.run("save the draft") {
      try drafts.create(
        userId: context.user.userId, topic: body.topic, platform: body.platform,
        sourceURL: body.sourceURL)
    }
    let message = TaskMessage(
      taskName: TaskName.generateDraft, labels: ["timeout": DraftRoutes.generateTimeoutLabel],
      kwargs: ["draft_id": .string(String(draft.id))])
    try enqueue(message, for: draft)
    rememberTask(message.taskId, on: draft, actor: context.actor, userId: context.user.userId)
    let current = (try? drafts.get(id: draft.id)) ?? draft
    return .json(status: 201, QueuedDraft(draft: current, taskId: message.taskId))
  }

  func list(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let query = context.request.query
    var status: DraftStatus?
    if let text = query["status"], !text.isEmpty {
      guard let parsed = DraftStatus(rawValue: text) else {
        let names = DraftStatus.allCases.map(\.rawValue).joined(separator: ", ")
        throw .invalid("query parameter 'status' must be one of \(names)")
      }
      status = parsed
    }
    var limit = DraftRoutes.defaultListLimit
    if let text = query["limit"], !text.isEmpty {
      guard let parsed = Int(text), (1...DraftRoutes.maxListLimit).contains(parsed) else {
        throw .invalid(
          "query parameter 'limit' must be a number from 1 to \(DraftRoutes.maxListLimit)")
      }
      limit = parsed
    }
    let found = try store.run("list drafts") { try drafts.list(status: status, limit: limit) }
    return .json(DraftList(drafts: found))
  }

  func get(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    .json(try existing(try context.id()))
  }

  func events(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let id = try context.id()
    _ = try existing(id)
    let found = try store.run("read the draft's history") { try drafts.events(draftId: id) }
    return .json(DraftEvents(events: found))
  }

  /// The draft with this id, or 404.
  func existing(_ id: Int64) throws(APIError) -> Draft {
    let found = try store.run("read the draft") { try drafts.get(id: id) }
    guard let found else { throw .notFound("no draft with id \(id)") }
    return found
  }

  func enqueue(_ message: TaskMessage, for draft: Draft) throws(APIError) {
    do {
      try queue.enqueue(message)
    } catch {
      logger.error(
        "enqueue_failed",
        [
          ("task", .string(message.taskName)), ("draft_id", .int(draft.id)),
          ("error", .string("\(error)")),
        ])
      throw .unavailable(
        "draft \(draft.id) is saved but the task queue is unreachable;"
          + " it is queued again automatically once Redis is back")
    }
  }

  /// Stores the task id on the draft; a worker that already took the draft makes this a no-op.
  private func rememberTask(_ taskId: String, on draft: Draft, actor: String, userId: Int64) {
    do {
      _ = try drafts.transition(
        id: draft.id, from: [.pending], to: .pending, expectedVersion: nil, actor: actor,
        actorUserId: userId, detail: "queued as task \(taskId)",
        changes: DraftChanges(taskId: taskId))
    } catch StoreError.conflict {
      return
    } catch {
      logger.warning(
        "task_id_not_saved", [("draft_id", .int(draft.id)), ("error", .string("\(error)"))])
    }
  }
}

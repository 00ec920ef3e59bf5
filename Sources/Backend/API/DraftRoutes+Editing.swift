import FoundationEssentials
import HTTPServer
import Shared

/// The review actions beyond approve/reject/publish: edit the text, regenerate with a note,
/// schedule for later, and re-enqueue a failed generation.
extension DraftRoutes {
  /// States whose text a physician may rewrite; the edit sends the draft back to `generated`.
  static let editable: [DraftStatus] = [
    .generated, .approved, .scheduled, .rejected, .publishFailed,
  ]
  /// The longest text accepted; Telegram's limit with room, since problems are reported, not fatal.
  static let maxContentLength = 20_000

  /// Registers the editing routes next to the draft routes.
  func registerEditing(in router: inout Router) {
    let routes = self
    router.add("POST", "/api/v1/drafts/{id}/edit", .editDrafts) { context throws(APIError) in
      try routes.edit(context)
    }
    router.add("POST", "/api/v1/drafts/{id}/regenerate", .editDrafts) {
      context throws(APIError) in try routes.regenerate(context)
    }
    router.add("POST", "/api/v1/drafts/{id}/schedule", .editDrafts) {
      context throws(APIError) in try routes.schedule(context)
    }
    router.add("POST", "/api/v1/drafts/{id}/retry", .editDrafts) { context throws(APIError) in
      try routes.retry(context)
    }
  }

  /// New text → validated again, version bumped, back to `generated` for another review.
  func edit(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let id = try context.id()
    let body = try RequestBody.decode(DraftEditRequest.self, from: context.request)
    try DraftInput.version(body.version)
    let content = body.content.trimmed()
    guard !content.isEmpty else { throw .invalid("field 'content' must not be empty") }
    guard content.count <= Self.maxContentLength else {
      throw .invalid("field 'content' must be at most \(Self.maxContentLength) characters")
    }
    let current = try existing(id)
    let problems = StandardDraftValidator().problems(
      in: content, platform: current.platform, sources: current.sources)
    let draft = try store.run("save the edited text") {
      try drafts.transition(
        id: id, from: Self.editable, to: .generated, expectedVersion: body.version,
        actor: context.actor, actorUserId: context.user.userId, detail: "edited",
        changes: DraftChanges(content: content, problems: problems, lastError: ""),
        bumpVersion: true)
    }
    return .json(draft)
  }

  /// → pending with the physician's note kept as feedback, then queues `generate_draft` again.
  func regenerate(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let id = try context.id()
    let body = try RequestBody.decode(DraftActionRequest.self, from: context.request)
    try DraftInput.version(body.version)
    let note = try DraftInput.reason(body.reason)
    let draft = try requeueGeneration(
      id: id, from: DraftStatus.regenerable, version: body.version, note: note, context: context)
    if let note {
      // The regeneration stands even if the feedback row fails; the note is in the history.
      try? feedback.add(draftId: id, userId: context.user.userId, comment: note)
    }
    return draft
  }

  /// A failed generation goes back to `pending` and its task is queued again.
  func retry(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let id = try context.id()
    let body = try RequestBody.decode(DraftActionRequest.self, from: context.request)
    try DraftInput.version(body.version)
    return try requeueGeneration(
      id: id, from: [.failed], version: body.version, note: nil, context: context)
  }

  /// approved → scheduled for a future time; the scheduler publishes it when due.
  func schedule(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let id = try context.id()
    let body = try RequestBody.decode(DraftScheduleRequest.self, from: context.request)
    try DraftInput.version(body.version)
    guard DraftInput.isSchedulable(body.scheduledAt) else {
      throw .invalid("field 'scheduledAt' must be in the future and at most a year ahead")
    }
    let platforms = try DraftInput.platforms(body.platforms, default: try existing(id).platform)
    let draft = try store.run("schedule the draft") {
      try drafts.transition(
        id: id, from: [.approved, .scheduled], to: .scheduled, expectedVersion: body.version,
        actor: context.actor, actorUserId: context.user.userId,
        detail: body.scheduledAt.formatted(.iso8601),
        changes: DraftChanges(scheduledAt: body.scheduledAt, publishPlatforms: platforms),
        bumpVersion: true)
    }
    return .json(draft)
  }

  private func requeueGeneration(
    id: Int64, from: [DraftStatus], version: Int, note: String?, context: RouteContext
  ) throws(APIError) -> HTTPResponse {
    var kwargs: [String: JSONValue] = ["draft_id": .string(String(id))]
    if let note { kwargs["note"] = .string(note) }
    let message = TaskMessage(
      taskName: TaskName.generateDraft, labels: ["timeout": DraftRoutes.generateTimeoutLabel],
      kwargs: kwargs)
    let draft = try store.run("queue the draft again") {
      try drafts.transition(
        id: id, from: from, to: .pending, expectedVersion: version, actor: context.actor,
        actorUserId: context.user.userId, detail: note ?? "queued again",
        changes: DraftChanges(lastError: "", taskId: message.taskId), bumpVersion: true)
    }
    // If Redis is down the draft stays pending; the scheduler re-drives stranded drafts.
    try enqueue(message, for: draft)
    return .json(status: 202, QueuedDraft(draft: draft, taskId: message.taskId))
  }
}

import Postgres
import Shared

/// `generate_draft(draft_id)`: writes a pending draft's text through the generation pipeline and
/// stores it; a draft already generated is left alone, so a redelivered task does no harm.
public struct GenerateDraftTask: TaskHandler {
  public let name = TaskName.generateDraft
  /// 60 s, the queue contract of issue 3. Offline, an attempt takes well under a second; with
  /// LLMs one HTTP attempt may take up to LLM_TIMEOUT_SECONDS (30 s), so a slow primary plus a
  /// slow fallback, or a regeneration, can use it all up. The router checks cancellation
  /// between HTTP attempts, so an attempt stops within one HTTP timeout of its deadline and
  /// the queue retries it (limitation: an HTTP request already in flight is not interrupted).
  public let timeout: Duration = .seconds(60)

  private let drafts: DraftStore
  private let notifications: NotificationStore
  private let pipeline: GenerationPipeline
  private let logger: Logger

  /// A handler storing drafts through `pool` and writing them with `pipeline`.
  public init(pool: PostgresPool, pipeline: GenerationPipeline, logger: Logger) {
    self.drafts = DraftStore(pool: pool)
    self.notifications = NotificationStore(pool: pool)
    self.pipeline = pipeline
    self.logger = logger
  }

  public func run(_ message: TaskMessage, context: TaskContext) throws -> JSONValue {
    let id = try TaskArguments.draftId(message)
    guard let draft = try drafts.get(id: id) else {
      throw TaskFailure.permanent("draft \(id) does not exist")
    }
    switch draft.status {
    case .pending, .generating:
      break
    case .generated, .approved, .scheduled, .publishing, .published:
      return Self.result(id, status: draft.status, skipped: true)
    case .rejected, .failed, .publishFailed:
      throw TaskFailure.permanent("draft \(id) is \(draft.status.rawValue); nothing to generate")
    }
    let working = try drafts.transition(
      id: id, from: [.pending, .generating], to: .generating, expectedVersion: nil,
      actor: "worker", actorUserId: nil, detail: "attempt \(context.attempt)")
    let call = LLMCallContext(
      draftId: id, taskId: message.taskId, isCancelled: { context.isCancelled() })
    let generated: GeneratedDraft
    do {
      generated = try pipeline.generate(
        draft: working, note: message.kwargs["note"]?.stringValue, call: call)
    } catch let error as LLMRouterError where error.isPermanent {
      // Refused keys, an exhausted quota or a rejected request: a retry would fail the same way.
      throw TaskFailure.permanent(error.description)
    }
    guard !context.isCancelled() else { throw TaskCancelled(draftId: id) }
    return try store(generated, draftId: id)
  }

  public func finalFailure(_ message: TaskMessage, reason: String) {
    guard let id = try? TaskArguments.draftId(message) else { return }
    do {
      let failed = try drafts.transition(
        id: id, from: [.pending, .generating], to: .failed, expectedVersion: nil,
        actor: "worker", actorUserId: nil, detail: reason,
        changes: DraftChanges(lastError: "Generation failed: \(reason)"))
      try notifications.add(
        userId: failed.userId, draftId: id, kind: "draft_failed",
        message: "Draft \(id) could not be written: \(reason)")
    } catch {
      // The draft moved on (or the database is down); the redrive sweep will see it.
      logger.warning(
        "generate_final_failure_not_recorded",
        [
          ("draft_id", .int(id)), ("error", .string(String(describing: error))),
        ])
    }
  }

  private func store(_ generated: GeneratedDraft, draftId id: Int64) throws -> JSONValue {
    let changes = DraftChanges(
      content: generated.content, sources: generated.sources, verdict: generated.verdict,
      problems: generated.problems, provider: generated.provider, model: generated.model,
      lastError: "")
    do {
      let stored = try drafts.transition(
        id: id, from: [.generating], to: .generated, expectedVersion: nil, actor: "worker",
        actorUserId: nil, detail: generated.verdict.summary, changes: changes, bumpVersion: true)
      return Self.result(id, status: stored.status, skipped: false)
    } catch StoreError.conflict(let current) where current.status != .generating {
      // Another attempt finished first; its text stands.
      return Self.result(id, status: current.status, skipped: true)
    }
  }

  private static func result(_ id: Int64, status: DraftStatus, skipped: Bool) -> JSONValue {
    .object(["draft_id": .int(id), "status": .string(status.rawValue), "skipped": .bool(skipped)])
  }
}

/// An attempt stopped because its time ran out or the worker is stopping; it will be retried.
struct TaskCancelled: Error, CustomStringConvertible {
  var draftId: Int64
  var description: String { "draft \(draftId): attempt cancelled before its result was stored" }
}

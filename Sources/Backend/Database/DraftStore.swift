import FoundationEssentials
import Postgres
import Shared

/// Drafts and their history: every status change is one conditional UPDATE plus a `draft_events`
/// row in the same transaction, so a lost race is refused, never applied.
public struct DraftStore: Sendable {
  private let pool: PostgresPool

  /// A store over the pool.
  public init(pool: PostgresPool) {
    self.pool = pool
  }

  /// Stores a new pending draft at version 1 with its "created" event.
  public func create(userId: Int64, topic: String, platform: Platform, sourceURL: String?) throws
    -> Draft
  {
    guard !topic.trimmed().isEmpty,
      CreateDraftRequest.length(ofTopic: topic) <= CreateDraftRequest.maxTopicLength
    else {
      throw StoreError.invalid(
        "a topic needs 1 to \(CreateDraftRequest.maxTopicLength) characters")
    }
    return try pool.transaction { connection in
      let rows = try connection.query(
        """
        INSERT INTO drafts (user_id, topic, platform, status, source_url)
        VALUES ($1, $2, $3, 'pending', $4) RETURNING \(Draft.columns)
        """, [userId, topic, platform.rawValue, sourceURL])
      let draft = try Draft(row: rows[0])
      try connection.execute(
        """
        INSERT INTO draft_events (draft_id, actor_user_id, actor, action, to_status)
        SELECT $1, id, 'user:' || username, 'created', 'pending' FROM users WHERE id = $2
        """, [draft.id, userId])
      return draft
    }
  }

  /// The draft with this id, nil when there is none.
  public func get(id: Int64) throws -> Draft? {
    let rows = try pool.query("SELECT \(Draft.columns) FROM drafts WHERE id = $1", [id])
    return try rows.first.map(Draft.init(row:))
  }

  /// Drafts newest first, all or only those in `status`.
  public func list(status: DraftStatus?, limit: Int) throws -> [Draft] {
    let rows = try pool.query(
      """
      SELECT \(Draft.columns) FROM drafts WHERE $1::text IS NULL OR status = $1
      ORDER BY created_at DESC, id DESC LIMIT $2
      """, [status?.rawValue, max(0, limit)])
    return try rows.map(Draft.init(row:))
  }

  /// Moves a draft from one of `from` to `to` if it is still there (and at `expectedVersion`,
  /// when given), applying `changes` and recording the event; throws `.conflict(current:)` when
  /// the draft moved on meanwhile, `.notFound` when it does not exist.
  public func transition(
    id: Int64, from: [DraftStatus], to: DraftStatus, expectedVersion: Int?,
    actor: String, actorUserId: Int64?, detail: String?, changes: DraftChanges = .init(),
    bumpVersion: Bool = false
  ) throws -> Draft {
    try pool.transaction { connection in
      // Locking the row first makes the status read below the one the UPDATE acts on.
      let locked = try connection.query(
        "SELECT status FROM drafts WHERE id = $1 FOR UPDATE", [id])
      guard let before = locked.first else { throw StoreError.notFound }
      let (sets, params) = changes.assignments(startingAt: 5)
      let rows = try connection.query(
        """
        UPDATE drafts SET \((["status = $2", "updated_at = now()"]
          + (bumpVersion ? ["version = version + 1"] : []) + sets).joined(separator: ", "))
        WHERE id = $1 AND status = ANY($3::text[]) AND ($4::int IS NULL OR version = $4)
        RETURNING \(Draft.columns)
        """, [id, to.rawValue, from.map(\.rawValue), expectedVersion] + params)
      guard let row = rows.first else {
        let current = try connection.query(
          "SELECT \(Draft.columns) FROM drafts WHERE id = $1", [id])
        throw StoreError.conflict(current: try Draft(row: current[0]))
      }
      try addEvent(
        connection, draftId: id, actorUserId: actorUserId, actor: actor, action: to.rawValue,
        from: DraftStatus(rawValue: try before.string("status")), to: to, detail: detail)
      return try Draft(row: row)
    }
  }

  /// The draft's history, oldest first.
  public func events(draftId: Int64) throws -> [DraftEvent] {
    let rows = try pool.query(
      """
      SELECT id, draft_id, actor, action, from_status, to_status, detail, created_at
      FROM draft_events WHERE draft_id = $1 ORDER BY id
      """, [draftId])
    return try rows.map { row in
      DraftEvent(
        id: try row.int64("id"), draftId: try row.int64("draft_id"),
        actor: try row.string("actor"), action: try row.string("action"),
        fromStatus: try row.decodeIfPresent("from_status", as: String.self)
          .flatMap(DraftStatus.init(rawValue:)),
        toStatus: try row.decodeIfPresent("to_status", as: String.self)
          .flatMap(DraftStatus.init(rawValue:)),
        detail: try row.decodeIfPresent("detail"), createdAt: try row.date("created_at"))
    }
  }

  /// Pending or generating drafts untouched for `seconds`: their task was probably lost.
  public func redrivable(olderThan seconds: Int) throws -> [Draft] {
    let rows = try pool.query(
      """
      SELECT \(Draft.columns) FROM drafts
      WHERE status IN ('pending', 'generating') AND updated_at < now() - make_interval(secs => $1)
      ORDER BY updated_at
      """, [seconds])
    return try rows.map(Draft.init(row:))
  }

  /// Moves up to `limit` due scheduled drafts to publishing and returns them; rows another
  /// scheduler holds are skipped, so two ticks never claim the same draft.
  public func claimDueScheduled(limit: Int) throws -> [Draft] {
    let rows = try pool.query(
      """
      WITH due AS (
        SELECT id FROM drafts WHERE status = 'scheduled' AND scheduled_at <= now()
        ORDER BY scheduled_at LIMIT $1 FOR UPDATE SKIP LOCKED
      ), moved AS (
        UPDATE drafts SET status = 'publishing', updated_at = now()
        WHERE id IN (SELECT id FROM due) RETURNING \(Draft.columns)
      ), logged AS (
        INSERT INTO draft_events (draft_id, actor, action, from_status, to_status)
        SELECT id, 'scheduler', 'publishing', 'scheduled', 'publishing' FROM moved
      )
      SELECT * FROM moved ORDER BY scheduled_at, id
      """, [max(0, limit)])
    return try rows.map(Draft.init(row:))
  }

  /// The platforms chosen at publish time; the draft's own platform when none were stored.
  public func publishPlatforms(draftId: Int64) throws -> [Platform] {
    let rows = try pool.query(
      "SELECT platform, publish_platforms FROM drafts WHERE id = $1", [draftId])
    guard let row = rows.first else { throw StoreError.notFound }
    let chosen = try row.json("publish_platforms", as: [Platform].self)
    if !chosen.isEmpty { return chosen }
    return [Platform(rawValue: try row.string("platform")) ?? .telegram]
  }

  /// The id of the last task queued for the draft, if any.
  public func taskId(draftId: Int64) throws -> String? {
    let rows = try pool.query("SELECT task_id FROM drafts WHERE id = $1", [draftId])
    guard let row = rows.first else { throw StoreError.notFound }
    return try row.decodeIfPresent("task_id")
  }

  private func addEvent(
    _ connection: PostgresConnection, draftId: Int64, actorUserId: Int64?, actor: String,
    action: String, from: DraftStatus?, to: DraftStatus?, detail: String?
  ) throws {
    try connection.execute(
      """
      INSERT INTO draft_events (draft_id, actor_user_id, actor, action, from_status, to_status,
        detail)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """, [draftId, actorUserId, actor, action, from?.rawValue, to?.rawValue, detail])
  }
}

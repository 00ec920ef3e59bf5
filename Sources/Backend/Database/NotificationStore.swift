import Postgres
import Shared

/// Messages for people (a draft failed, a publish needs attention), shown in the dashboard.
public struct NotificationStore: Sendable {
  private let pool: PostgresPool

  /// A store over the pool.
  public init(pool: PostgresPool) {
    self.pool = pool
  }

  /// Adds a notification; `kind` is a short tag such as `draft_failed`.
  public func add(userId: Int64?, draftId: Int64?, kind: String, message: String) throws {
    try pool.execute(
      "INSERT INTO notifications (user_id, draft_id, kind, message) VALUES ($1, $2, $3, $4)",
      [userId, draftId, kind, message])
  }

  /// The newest notifications, newest first.
  public func recent(limit: Int) throws -> [Notification] {
    let rows = try pool.query(
      """
      SELECT id, draft_id, kind, message, created_at FROM notifications
      ORDER BY created_at DESC, id DESC LIMIT $1
      """, [max(0, limit)])
    return try rows.map { row in
      Notification(
        id: try row.int64("id"), draftId: try row.decodeIfPresent("draft_id"),
        kind: try row.string("kind"), message: try row.string("message"),
        createdAt: try row.date("created_at"))
    }
  }
}

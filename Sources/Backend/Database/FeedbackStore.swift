import Postgres

/// A physician's comments on drafts, such as the reason for a rejection.
public struct FeedbackStore: Sendable {
  private let pool: PostgresPool

  /// A store over the pool.
  public init(pool: PostgresPool) {
    self.pool = pool
  }

  /// Stores one comment on a draft by a user.
  public func add(draftId: Int64, userId: Int64, comment: String) throws {
    try pool.execute(
      "INSERT INTO feedback (draft_id, user_id, comment) VALUES ($1, $2, $3)",
      [draftId, userId, comment])
  }

  /// The comments on a draft, oldest first.
  public func comments(draftId: Int64) throws -> [String] {
    let rows = try pool.query(
      "SELECT comment FROM feedback WHERE draft_id = $1 ORDER BY id", [draftId])
    return try rows.map { try $0.string("comment") }
  }
}

import Postgres
import Shared

/// The people Sera knows, by username.
public struct UserStore: Sendable {
  private let pool: PostgresPool

  /// A store over the pool.
  public init(pool: PostgresPool) {
    self.pool = pool
  }

  /// The id of the user with this name, creating the user when new.
  public func ensure(username: String) throws -> Int64 {
    let name = username.trimmed()
    guard !name.isEmpty, name.count <= 255 else {
      throw StoreError.invalid("a username needs 1 to 255 characters")
    }
    // DO UPDATE (not DO NOTHING) so RETURNING also yields the id of an existing user, even one
    // inserted by a concurrent call a moment ago.
    let rows = try pool.query(
      """
      INSERT INTO users (username) VALUES ($1)
      ON CONFLICT (username) DO UPDATE SET username = EXCLUDED.username RETURNING id
      """, [name])
    return try rows[0].int64("id")
  }

  /// The username of a user id, nil when there is none.
  public func username(id: Int64) throws -> String? {
    let rows = try pool.query("SELECT username FROM users WHERE id = $1", [id])
    return try rows.first?.string("username")
  }
}

import FoundationEssentials
import Postgres
import Shared

/// API bearer tokens. Only PostgreSQL's `sha256` of a token is stored, so a database dump holds
/// no usable token; the plaintext exists once, when it is created.
public struct TokenStore: Sendable {
  /// Every token starts with this, so a leaked one is easy to recognise and grep for.
  public static let prefix = "sera_"
  /// 20 random bytes (160 bits) spelled as 40 hex digits.
  static let randomHexDigits = 40
  // How stale `last_used_at` may get: `sera token list` shows it to tell a live token from a
  // forgotten one, for which a minute is exact enough.
  static let lastUsedGranularity = "interval '1 minute'"

  private let pool: PostgresPool

  /// A store over the pool.
  public init(pool: PostgresPool) {
    self.pool = pool
  }

  /// Creates a token for `username` (made a user if new) and returns its plaintext, which is
  /// not kept anywhere.
  public func create(username: String, role: Role, label: String) throws -> String {
    let userId = try UserStore(pool: pool).ensure(username: username)
    let token = TokenStore.prefix + TokenStore.randomHex(digits: TokenStore.randomHexDigits)
    try pool.execute(
      """
      INSERT INTO api_tokens (user_id, role, token_hash, label)
      VALUES ($1, $2, sha256($3::bytea), $4)
      """, [userId, role.rawValue, token, label])
    return token
  }

  /// Who a token belongs to, nil for an unknown, malformed or revoked one; marks it used (to
  /// the minute).
  public func authenticate(_ token: String) throws -> WhoAmI? {
    // Anything not shaped like our tokens is refused before it reaches SQL, which also keeps
    // a stray backslash from being read as a bytea escape.
    guard TokenStore.isWellFormed(token) else { return nil }
    // Every request is checked against the table (a revoked token stops working at once), but
    // `last_used_at` is written at most once a minute per token: a write on every request would
    // make each read of the API a durable commit.
    let rows = try pool.query(
      """
      WITH hit AS (
        SELECT t.id AS token_id, t.last_used_at, t.role, u.id, u.username
        FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = sha256($1::bytea) AND t.revoked_at IS NULL
      ), touched AS (
        UPDATE api_tokens SET last_used_at = now()
        WHERE id IN (
          SELECT token_id FROM hit
          WHERE last_used_at IS NULL OR last_used_at < now() - \(TokenStore.lastUsedGranularity)
        )
      )
      SELECT id, username, role FROM hit
      """, [token])
    guard let row = rows.first else { return nil }
    guard let role = Role(rawValue: try row.string("role")) else { return nil }
    return WhoAmI(userId: try row.int64("id"), username: try row.string("username"), role: role)
  }

  /// Revokes a token by its id; false when there is no such unrevoked token.
  @discardableResult
  public func revoke(id: Int64) throws -> Bool {
    try pool.execute(
      "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL", [id]) == 1
  }

  /// Every token's metadata, newest first.
  public func list() throws -> [TokenInfo] {
    let rows = try pool.query(
      """
      SELECT t.id, u.username, t.role, t.label, t.created_at, t.last_used_at, t.revoked_at
      FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id DESC
      """)
    return try rows.map { row in
      TokenInfo(
        id: try row.int64("id"), username: try row.string("username"),
        role: Role(rawValue: try row.string("role")) ?? .oncall, label: try row.string("label"),
        createdAt: try row.date("created_at"), lastUsedAt: try row.decodeIfPresent("last_used_at"),
        revokedAt: try row.decodeIfPresent("revoked_at"))
    }
  }

  /// `sera_` followed by exactly 40 lower-case hex digits.
  static func isWellFormed(_ token: String) -> Bool {
    guard token.hasPrefix(prefix) else { return false }
    let digits = token.utf8.dropFirst(prefix.utf8.count)
    return digits.count == randomHexDigits
      && digits.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
  }

  /// Hex digits from the system's random source (getrandom on Linux).
  private static func randomHex(digits: Int) -> String {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("0123456789abcdef")
    return String((0..<digits).map { _ in alphabet[Int.random(in: 0..<16, using: &generator)] })
  }
}

import Crypto
import FoundationEssentials
import Postgres
import Shared

/// One row of `publish_attempts`: a (draft, platform, text) and how far publishing it got.
public struct PublishAttempt: Sendable, Equatable {
  /// Where an attempt stands.
  public enum State: String, Sendable {
    case started, succeeded, failed, unknown
  }

  public var id: Int64
  public var draftId: Int64
  public var platform: Platform
  public var contentVersion: Int
  public var idempotencyKey: String
  public var state: State
  public var postId: String?
  public var postURL: String?
  public var error: String?
  public var parts: [PublishedPart]
  public var partInFlight: Int?
  public var inFlightNote: String?
}

/// `publish_attempts`: written before every platform call and completed after it, so no text
/// goes to a platform twice.
public struct PublishAttemptStore: Sendable {
  let pool: PostgresPool
  private static let columns = """
    id, draft_id, platform, content_version, idempotency_key, state, platform_post_id,
    post_url, error, parts, part_in_flight, in_flight_note
    """

  /// A store over the pool.
  public init(pool: PostgresPool) {
    self.pool = pool
  }

  /// Sera's key for a (draft, platform, text): the same text keeps its attempt across versions.
  public static func idempotencyKey(draftId: Int64, platform: Platform, content: String) -> String {
    "sera-\(draftId)-\(platform.rawValue)-" + String(hex(sha256(content)).prefix(32))
  }

  /// The attempt for this text, created (state `started`) when there is none yet.
  public func begin(draftId: Int64, platform: Platform, version: Int, content: String) throws
    -> PublishAttempt
  {
    let key = Self.idempotencyKey(draftId: draftId, platform: platform, content: content)
    _ = try pool.execute(
      """
      INSERT INTO publish_attempts (draft_id, platform, content_version, idempotency_key,
        content_hash, state)
      VALUES ($1, $2, $3, $4, $5, 'started') ON CONFLICT (idempotency_key) DO NOTHING
      """, [draftId, platform.rawValue, version, key, hex(sha256(content))])
    guard let attempt = try find(key: key) else { throw StoreError.notFound }
    return attempt
  }

  /// The attempt with this idempotency key.
  public func find(key: String) throws -> PublishAttempt? {
    try pool.query(
      "SELECT \(Self.columns) FROM publish_attempts WHERE idempotency_key = $1", [key]
    ).first.map(Self.attempt)
  }

  /// The attempt by id.
  public func get(id: Int64) throws -> PublishAttempt? {
    try pool.query("SELECT \(Self.columns) FROM publish_attempts WHERE id = $1", [id])
      .first.map(Self.attempt)
  }

  /// The newest attempt of each platform of a draft.
  public func latest(draftId: Int64) throws -> [Platform: PublishAttempt] {
    let rows = try pool.query(
      """
      SELECT DISTINCT ON (platform) \(Self.columns) FROM publish_attempts
      WHERE draft_id = $1 ORDER BY platform, updated_at DESC, id DESC
      """, [draftId])
    var latest: [Platform: PublishAttempt] = [:]
    for attempt in try rows.map(Self.attempt) { latest[attempt.platform] = attempt }
    return latest
  }

  /// Takes the attempt for `owner` for `seconds`; false while another worker holds it.
  public func claim(id: Int64, owner: String, seconds: Int) throws -> Bool {
    try pool.execute(
      """
      UPDATE publish_attempts SET owner = $2, lease_until = now() + make_interval(secs => $3),
        updated_at = now()
      WHERE id = $1 AND state <> 'succeeded'
        AND (owner IS NULL OR owner = $2 OR lease_until < now())
      """, [id, owner, seconds]) == 1
  }

  /// Lets go of a claimed attempt.
  public func release(id: Int64, owner: String) throws {
    _ = try pool.execute(
      "UPDATE publish_attempts SET owner = NULL, lease_until = NULL WHERE id = $1 AND owner = $2",
      [id, owner])
  }

  /// Marks a part as being sent; it stays marked until confirmed or proven unsent.
  public func markInFlight(id: Int64, part: Int, note: String?) throws {
    _ = try pool.execute(
      """
      UPDATE publish_attempts SET part_in_flight = $2, in_flight_note = $3, calls = calls + 1,
        state = 'started', updated_at = now() WHERE id = $1
      """, [id, part, note])
  }

  /// Adds a confirmed part and clears the in-flight mark.
  public func addPart(id: Int64, _ part: PublishedPart) throws {
    try pool.transaction { connection in
      let rows = try connection.query(
        "SELECT parts FROM publish_attempts WHERE id = $1 FOR UPDATE", [id])
      var parts = try rows.first?.json("parts", as: [PublishedPart].self) ?? []
      parts.removeAll { $0.index == part.index }
      parts.append(part)
      _ = try connection.execute(
        """
        UPDATE publish_attempts SET parts = $2, part_in_flight = NULL, in_flight_note = NULL,
          updated_at = now() WHERE id = $1
        """, [id, try SeraJSON.string(parts.sorted { $0.index < $1.index })])
    }
  }

  /// Clears the in-flight mark of a part the platform provably did not take.
  public func clearInFlight(id: Int64) throws {
    _ = try pool.execute(
      "UPDATE publish_attempts SET part_in_flight = NULL, in_flight_note = NULL WHERE id = $1",
      [id])
  }

  /// Completes the attempt with the platform's post, and records it in `published_posts`.
  public func succeed(id: Int64, receipt: PublishReceipt) throws {
    try pool.transaction { connection in
      _ = try connection.execute(
        """
        UPDATE publish_attempts SET state = 'succeeded', platform_post_id = $2, post_url = $3,
          error = NULL, completed_at = now(), updated_at = now() WHERE id = $1
        """, [id, receipt.postId, receipt.url])
      _ = try connection.execute(
        """
        INSERT INTO published_posts (draft_id, platform, post_url, platform_post_id,
          content_version)
        SELECT draft_id, platform, $2, $3, content_version FROM publish_attempts WHERE id = $1
        ON CONFLICT (draft_id, platform, content_version) DO NOTHING
        """, [id, receipt.url, receipt.postId])
    }
  }

  /// Records why the attempt failed; `unknown` when the platform may have the post.
  public func fail(id: Int64, error: String, unknown: Bool = false) throws {
    _ = try pool.execute(
      """
      UPDATE publish_attempts SET state = $2, error = $3, updated_at = now()
      WHERE id = $1 AND state <> 'succeeded'
      """, [id, unknown ? "unknown" : "failed", error])
  }

  private static func attempt(_ row: PostgresRow) throws -> PublishAttempt {
    PublishAttempt(
      id: try row.int64("id"), draftId: try row.int64("draft_id"),
      platform: Platform(rawValue: try row.string("platform")) ?? .telegram,
      contentVersion: try row.int("content_version"),
      idempotencyKey: try row.string("idempotency_key"),
      state: PublishAttempt.State(rawValue: try row.string("state")) ?? .started,
      postId: try row.decodeIfPresent("platform_post_id"),
      postURL: try row.decodeIfPresent("post_url"), error: try row.decodeIfPresent("error"),
      parts: try row.json("parts"), partInFlight: try row.decodeIfPresent("part_in_flight"),
      inFlightNote: try row.decodeIfPresent("in_flight_note"))
  }
}

extension PublishAttemptStore {
  /// Notes the latest retryable error without ending the attempt.
  public func noteError(id: Int64, error: String) throws {
    _ = try pool.execute(
      "UPDATE publish_attempts SET error = $2, updated_at = now() WHERE id = $1", [id, error])
  }
}

import FoundationEssentials
import Redis
import Shared

/// Where reindex progress is kept for the API and the dashboard: JSON `ReindexProgress` at the
/// Redis key `sera:reindex:progress`.
public struct ReindexProgressBoard: Sendable {
  /// The Redis key; the API's `GET /api/v1/reindex` reads it.
  public static let key = "sera:reindex:progress"
  /// A day: long enough to see last night's run in the morning, short enough to clean itself up.
  public static let expirySeconds = 86_400

  private let redis: RedisPool
  private let key: String

  /// A board on `redis` at `key` (tests pass a key of their own).
  public init(redis: RedisPool, key: String = ReindexProgressBoard.key) {
    self.redis = redis
    self.key = key
  }

  /// Stores `progress`, replacing what was there.
  public func write(_ progress: ReindexProgress) throws {
    let json = try SeraJSON.string(progress)
    _ = try redis.checked(["SET", key, json, "EX", String(Self.expirySeconds)])
  }

  /// The stored progress, or `idle` when no reindex ran in the last day.
  public func read() throws -> ReindexProgress {
    guard let text = try redis.command(["GET", key]).text else {
      return ReindexProgress(state: .idle)
    }
    return try SeraJSON.decode(ReindexProgress.self, from: Array(text.utf8))
  }
}

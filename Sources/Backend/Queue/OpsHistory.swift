import FoundationEssentials
import Redis
import Shared

/// The recent ops samples the dashboard draws sparklines from: a Redis list, oldest first,
/// trimmed to `limit` entries and expiring a day after the last write.
public struct OpsHistory: Sendable {
  /// The list's key.
  public static let key = "sera:ops:history"
  /// One hour of samples at the scheduler's 10 s pace.
  public static let limit = 360
  /// A history nobody writes to for a day is stale; let it go.
  static let ttlSeconds = 86_400

  let redis: RedisPool

  /// The history in the given Redis.
  public init(redis: RedisPool) {
    self.redis = redis
  }

  /// Appends one sample and trims the list.
  public func append(_ sample: OpsSample) throws {
    let json = try SeraJSON.string(sample)
    try redis.withConnection { connection throws(RedisError) in
      try connection.command(["RPUSH", OpsHistory.key, json]).checked("RPUSH")
      try connection.command(["LTRIM", OpsHistory.key, String(-OpsHistory.limit), "-1"])
        .checked("LTRIM")
      try connection.command(["EXPIRE", OpsHistory.key, String(OpsHistory.ttlSeconds)])
        .checked("EXPIRE")
    }
  }

  /// Every kept sample, oldest first; unreadable entries are skipped.
  public func read() throws -> [OpsSample] {
    try redis.checked(["LRANGE", OpsHistory.key, "0", "-1"]).elements.compactMap { entry in
      guard case .string(let bytes) = entry else { return nil }
      return try? SeraJSON.decode(OpsSample.self, from: bytes)
    }
  }
}

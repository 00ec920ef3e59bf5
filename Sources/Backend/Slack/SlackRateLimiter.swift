import Redis
import Shared

/// A sliding-window limit per Slack user on `/draft`: one sorted set per user of the request
/// times in the last window, checked and added to in one Lua script, so concurrent requests are
/// counted exactly; the key expires with its window.
struct SlackRateLimiter: Sendable {
  /// Allowed: go ahead. Refused: come back after this many seconds.
  enum Decision: Equatable {
    case allowed
    case refused(retryAfterSeconds: Int)
  }

  // The limit: 10 drafts per user per minute.
  static let defaultLimit = 10
  static let defaultWindowSeconds = 60

  let redis: RedisPool
  let limit: Int
  let windowSeconds: Int
  let keyPrefix: String

  init(
    redis: RedisPool, limit: Int = defaultLimit, windowSeconds: Int = defaultWindowSeconds,
    keyPrefix: String = "sera:slack:draft_rate"
  ) {
    self.redis = redis
    self.limit = limit
    self.windowSeconds = windowSeconds
    self.keyPrefix = keyPrefix
  }

  /// Counts one request by `user`, unless the window is full.
  func check(user: String) throws -> Decision {
    let member = TaskQueue.newToken()
    let reply = try SlackRateLimiter.script.run(
      on: redis, keys: ["\(keyPrefix):\(user)"],
      args: [String(limit), String(windowSeconds * 1000), member])
    let parts = reply.elements.compactMap(\.int)
    guard parts.count == 2 else { return .allowed }
    if parts[0] == 1 { return .allowed }
    // Round up: a client waiting the whole number of seconds must find room.
    return .refused(retryAfterSeconds: max(1, Int((parts[1] + 999) / 1000)))
  }

  /// KEYS[1] the user's set; ARGV limit, window ms, a unique member. Uses the server's clock, so
  /// several backends agree. Returns {1, 0} when counted, {0, ms until the oldest leaves}.
  static let script = RedisScript(
    """
    local now = redis.call('TIME')
    local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
    local limit = tonumber(ARGV[1])
    local window = tonumber(ARGV[2])
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms - window)
    if redis.call('ZCARD', KEYS[1]) < limit then
      redis.call('ZADD', KEYS[1], ms, ARGV[3])
      redis.call('PEXPIRE', KEYS[1], window)
      return {1, 0}
    end
    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    return {0, tonumber(oldest[2]) + window - ms}
    """)
}

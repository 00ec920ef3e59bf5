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

  /// A request counted (or refused): what was decided, and its entry in the user's window, so
  /// a request that then fails can give its place back.
  struct Counted: Sendable {
    let decision: Decision
    let key: String
    let member: String
  }

  /// Counts one request for each entry of `users` (a user may appear more than once), in order,
  /// in one script run: one decision per entry, exactly as if they had come one by one.
  func count(users: [String]) throws -> [Counted] {
    guard !users.isEmpty else { return [] }
    let keys = users.map { "\(keyPrefix):\($0)" }
    let members = users.map { _ in TaskQueue.newToken() }
    let reply = try SlackRateLimiter.script.run(
      on: redis, keys: keys, args: [String(limit), String(windowSeconds * 1000)] + members)
    let waits = reply.elements.map { $0.int }
    guard waits.count == users.count else {
      throw RedisError.server(
        command: "EVALSHA", message: "rate limit answered \(waits.count) of \(users.count) requests"
      )
    }
    return zip(waits, zip(keys, members)).map { wait, entry in
      // Round up: a client waiting the whole number of seconds must find room.
      let decision: Decision =
        (wait ?? 0) > 0
        ? .refused(retryAfterSeconds: max(1, Int(((wait ?? 0) + 999) / 1000))) : .allowed
      return Counted(decision: decision, key: entry.0, member: entry.1)
    }
  }

  /// Takes counted requests out of their windows again (best effort: a failure only leaves
  /// them counted until the window passes).
  func refund(_ entries: [Counted]) {
    let allowed = entries.filter { $0.decision == .allowed }
    guard !allowed.isEmpty else { return }
    _ = try? redis.withConnection { connection throws(RedisError) in
      for entry in allowed { _ = try connection.command(["ZREM", entry.key, entry.member]) }
    }
  }

  /// KEYS one user's set per request; ARGV limit, window ms, then one unique member per key.
  /// Uses the server's clock, so several backends agree. Returns, per key in order, 0 when
  /// counted or the ms until the oldest request leaves the window.
  static let script = RedisScript(
    """
    local now = redis.call('TIME')
    local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
    local limit = tonumber(ARGV[1])
    local window = tonumber(ARGV[2])
    local answers = {}
    for i, key in ipairs(KEYS) do
      redis.call('ZREMRANGEBYSCORE', key, '-inf', ms - window)
      if redis.call('ZCARD', key) < limit then
        redis.call('ZADD', key, ms, ARGV[2 + i])
        redis.call('PEXPIRE', key, window)
        answers[i] = 0
      else
        local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
        answers[i] = math.max(1, tonumber(oldest[2]) + window - ms)
      end
    end
    return answers
    """)
}

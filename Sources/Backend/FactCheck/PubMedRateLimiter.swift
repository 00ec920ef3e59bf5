import Redis

#if canImport(Glibc)
  import Glibc
#endif

/// Spaces PubMed requests for every worker process at once: a sliding-window log in one Redis
/// sorted set, timed by Redis' own clock so the processes need not agree on the time.
public struct PubMedRateLimiter: Sendable {
  /// NCBI's limits: 3 requests per second per IP without an API key, 10 with one.
  public static let requestsPerSecondWithoutKey = 3
  public static let requestsPerSecondWithKey = 10
  /// The window is a second plus 10%: a request admitted at the window's edge may reach NCBI a
  /// few milliseconds later than one admitted before it, and NCBI counts arrivals.
  public static let windowMilliseconds = 1100
  /// The key all Sera processes share.
  public static let defaultKey = "sera:pubmed:rate"

  private let redis: RedisPool
  private let key: String
  private let limit: Int

  /// A limiter admitting `limit` requests per window, counted under `key`.
  public init(redis: RedisPool, limit: Int, key: String = PubMedRateLimiter.defaultKey) {
    self.redis = redis
    self.limit = limit
    self.key = key
  }

  /// A limiter with NCBI's limit for a client with or without an API key.
  public init(redis: RedisPool, hasAPIKey: Bool, key: String = PubMedRateLimiter.defaultKey) {
    let limit = hasAPIKey ? Self.requestsPerSecondWithKey : Self.requestsPerSecondWithoutKey
    self.init(redis: redis, limit: limit, key: key)
  }

  /// Blocks until a request may start, then records it as started.
  public func acquire() throws(PubMedError) {
    var generator = SystemRandomNumberGenerator()
    let member = String(generator.next() as UInt64, radix: 16)
    while true {
      let reply: RedisReply
      do {
        reply = try Self.script.run(
          on: redis, keys: [key], args: [String(limit), String(Self.windowMilliseconds), member])
      } catch {
        throw .rateLimiterUnavailable("\(error)")
      }
      guard let waitMilliseconds = reply.int else {
        throw .rateLimiterUnavailable("unexpected reply \(reply)")
      }
      if waitMilliseconds <= 0 { return }
      Pause.seconds(Double(waitMilliseconds) / 1000)
    }
  }

  /// Admits and records a start (returns 0) or returns the milliseconds until a slot frees.
  static let script = RedisScript(
    """
    local limit = tonumber(ARGV[1])
    local window = tonumber(ARGV[2])
    local clock = redis.call('TIME')
    local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
    if redis.call('ZCARD', KEYS[1]) < limit then
      redis.call('ZADD', KEYS[1], now, ARGV[3])
      redis.call('PEXPIRE', KEYS[1], window * 2)
      return 0
    end
    local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    return tonumber(oldest[2]) + window - now + 1
    """)
}

/// Blocking sleeps for the threads that run fact checks (no async in server code).
enum Pause {
  static func seconds(_ seconds: Double) {
    guard seconds > 0 else { return }
    var request = timespec(
      tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1_000_000_000))
    var remaining = timespec()
    // nanosleep stops early on a signal; sleep out the rest.
    while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
  }
}

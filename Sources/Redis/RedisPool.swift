import Shared
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A small pool of Redis connections shared by threads; a broken connection is dropped and a
/// new one opened on next use, with capped backoff while Redis stays unreachable (BR-29).
public final class RedisPool: Sendable {
  /// Where Redis is.
  public let settings: RedisSettings
  /// How long an ordinary command may take.
  public let commandTimeout: Double
  /// The longest wait between reconnect attempts.
  public let backoff: ReconnectBackoff
  /// Idle connections kept for reuse; more may be open while in use.
  public let maxIdle: Int
  private let state = Mutex(PoolState())

  /// A pool for the given settings; no connection is opened until the first use.
  public init(
    settings: RedisSettings, commandTimeout: Double = 5, maxIdle: Int = 8,
    backoff: ReconnectBackoff = ReconnectBackoff()
  ) {
    self.settings = settings
    self.commandTimeout = commandTimeout
    self.maxIdle = maxIdle
    self.backoff = backoff
  }

  /// Runs `body` with a connection of its own; a connection that broke is not reused.
  public func withConnection<T>(_ body: (RedisConnection) throws(RedisError) -> T)
    throws(RedisError) -> T
  {
    let connection = try checkOut()
    do {
      let value = try body(connection)
      checkIn(connection)
      return value
    } catch {
      if !error.isConnectionError && !connection.isBroken { checkIn(connection) }
      throw error
    }
  }

  /// Runs one command on a pooled connection; an error reply comes back as `.error`.
  @discardableResult
  public func command(_ args: [String]) throws(RedisError) -> RedisReply {
    try withConnection { connection throws(RedisError) in try connection.command(args) }
  }

  /// Runs one command and throws `RedisError.server` for an error reply.
  @discardableResult
  public func checked(_ args: [String]) throws(RedisError) -> RedisReply {
    try command(args).checked(args.first ?? "?")
  }

  /// Whether Redis answers PING now; used by health checks.
  public func ping() -> Bool {
    (try? command(["PING"])) == .status("PONG")
  }

  /// The seconds to wait before the next connect attempt is allowed (0 when none is pending).
  public var reconnectDelay: Double {
    state.withLock { max(0, $0.nextAttempt - monotonicSeconds()) }
  }

  /// Closes every idle connection, so the next use connects afresh.
  public func closeIdle() {
    let idle = state.withLock { pool in
      defer { pool.idle.removeAll() }
      return pool.idle
    }
    // Released here, outside the lock: each deinit closes its socket.
    _ = idle
  }

  private func checkOut() throws(RedisError) -> RedisConnection {
    let reused: RedisConnection? = state.withLock { pool in
      while let candidate = pool.idle.popLast() {
        if !candidate.isBroken { return candidate }
      }
      return nil
    }
    if let reused { return reused }
    try waitOutBackoff()
    do {
      let fresh = try RedisConnection(settings: settings, commandTimeout: commandTimeout)
      state.withLock {
        $0.failures = 0
        $0.nextAttempt = 0
      }
      return fresh
    } catch {
      noteFailure(error)
      throw error
    }
  }

  private func waitOutBackoff() throws(RedisError) {
    let pending = state.withLock { pool in
      (pool.nextAttempt - monotonicSeconds(), pool.lastError)
    }
    if pending.0 > 0 { throw RedisError.backoff(retryInSeconds: pending.0, lastError: pending.1) }
  }

  private func noteFailure(_ error: RedisError) {
    state.withLock { pool in
      pool.failures += 1
      pool.nextAttempt = monotonicSeconds() + backoff.delay(afterFailures: pool.failures)
      pool.lastError = error.description
    }
  }

  private func checkIn(_ connection: RedisConnection) {
    guard !connection.isBroken else { return }
    state.withLock { pool in
      if pool.idle.count < maxIdle { pool.idle.append(connection) }
    }
  }
}

private struct PoolState {
  var idle: [RedisConnection] = []
  var failures = 0
  var nextAttempt = 0.0
  var lastError = ""
}

/// Seconds on a clock that never jumps backwards.
func monotonicSeconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1_000_000_000
}

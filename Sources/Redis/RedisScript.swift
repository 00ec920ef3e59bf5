import Synchronization

/// A Lua script run with EVALSHA, falling back to EVAL (which also loads it) when the server
/// does not know it, such as after a Redis restart.
public final class RedisScript: Sendable {
  /// The Lua source.
  public let source: String
  private let sha = Mutex<String?>(nil)

  /// A script with the given Lua source.
  public init(_ source: String) {
    self.source = source
  }

  /// Runs the script with the given keys and arguments on one connection.
  public func run(on connection: RedisConnection, keys: [String], args: [String])
    throws(RedisError) -> RedisReply
  {
    let tail = [String(keys.count)] + keys + args
    if let known = sha.withLock({ $0 }) {
      let reply = try connection.command(["EVALSHA", known] + tail)
      if case .error(let message) = reply, message.hasPrefix("NOSCRIPT") {
        return try evaluate(on: connection, tail)
      }
      return try reply.checked("EVALSHA")
    }
    return try evaluate(on: connection, tail)
  }

  /// Runs the script on a pooled connection.
  public func run(on pool: RedisPool, keys: [String], args: [String]) throws(RedisError)
    -> RedisReply
  {
    try pool.withConnection { connection throws(RedisError) in
      try run(on: connection, keys: keys, args: args)
    }
  }

  private func evaluate(on connection: RedisConnection, _ tail: [String]) throws(RedisError)
    -> RedisReply
  {
    let reply = try connection.command(["EVAL", source] + tail).checked("EVAL")
    if sha.withLock({ $0 }) == nil,
      let loaded = try? connection.command(["SCRIPT", "LOAD", source]).text
    {
      sha.withLock { $0 = loaded }
    }
    return reply
  }
}

import CHiredis
import Shared
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One hiredis connection to Redis; commands are serialised by a lock, and once the
/// connection breaks it stays broken (the pool drops it and opens another).
public final class RedisConnection: Sendable {
  /// hiredis contexts are not thread-safe; every use goes through this lock.
  private let context: Mutex<ContextBox>
  /// How long an ordinary command may take before the connection counts as broken.
  public let commandTimeout: Double
  /// Extra socket time a blocking command gets beyond its own block time (BR-28): the server
  /// must time out first, or a quiet queue would look like a dead connection.
  public static let blockingMargin = 5.0

  /// Connects, then authenticates and selects the database the settings name.
  public init(
    settings: RedisSettings, connectTimeout: Double = 3, commandTimeout: Double = 5
  ) throws(RedisError) {
    let raw = redisConnectWithTimeout(
      settings.host, Int32(settings.port), makeTimeval(connectTimeout))
    guard let raw else {
      throw RedisError.connect(host: settings.host, port: settings.port, detail: "out of memory")
    }
    if raw.pointee.err != 0 {
      let detail = RedisConnection.errorText(raw)
      redisFree(raw)
      throw RedisError.connect(host: settings.host, port: settings.port, detail: detail)
    }
    redisSetTimeout(raw, makeTimeval(commandTimeout))
    self.context = Mutex(ContextBox(pointer: raw))
    self.commandTimeout = commandTimeout
    try self.prepare(settings)
  }

  deinit {
    context.withLock { box in redisFree(box.pointer) }
  }

  /// Whether hiredis has flagged the connection as unusable (I/O error, EOF, timeout).
  public var isBroken: Bool {
    context.withLock { $0.pointer.pointee.err != 0 }
  }

  /// Runs one command given as text arguments; an error reply comes back as `.error`.
  @discardableResult
  public func command(_ args: [String]) throws(RedisError) -> RedisReply {
    try command(bytes: args.map { Array($0.utf8) })
  }

  /// Runs one command given as binary-safe arguments; an error reply comes back as `.error`.
  @discardableResult
  public func command(bytes args: [[UInt8]]) throws(RedisError) -> RedisReply {
    try context.withLock { box throws(RedisError) in
      try RedisConnection.send(box.pointer, args)
    }
  }

  /// Runs a command that blocks on the server for up to `blockSeconds` (BLMOVE, BRPOP) with a
  /// socket timeout longer than that block, then restores the ordinary timeout.
  public func blockingCommand(_ args: [String], blockSeconds: Double) throws(RedisError)
    -> RedisReply
  {
    try context.withLock { box throws(RedisError) in
      redisSetTimeout(box.pointer, makeTimeval(blockSeconds + RedisConnection.blockingMargin))
      defer { redisSetTimeout(box.pointer, makeTimeval(commandTimeout)) }
      return try RedisConnection.send(box.pointer, args.map { Array($0.utf8) })
    }
  }

  private func prepare(_ settings: RedisSettings) throws(RedisError) {
    do {
      if let password = settings.password, !password.isEmpty {
        _ = try command(["AUTH", password]).checked("AUTH")
      }
      if settings.database != 0 {
        _ = try command(["SELECT", String(settings.database)]).checked("SELECT")
      }
    } catch {
      // Never echo the password: the server's own message is enough to act on.
      let detail = if case .server(_, let message) = error { message } else { error.description }
      throw RedisError.connect(host: settings.host, port: settings.port, detail: detail)
    }
  }

  private static func send(_ ctx: UnsafeMutablePointer<redisContext>, _ args: [[UInt8]])
    throws(RedisError) -> RedisReply
  {
    let name = args.first.map { String(decoding: $0, as: UTF8.self).uppercased() } ?? "?"
    if ctx.pointee.err != 0 { throw RedisError.io(command: name, detail: errorText(ctx)) }
    let buffers = args.map { bytes -> UnsafeMutablePointer<CChar> in
      let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
      bytes.withUnsafeBytes { raw in
        UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress!, byteCount: raw.count)
      }
      return buffer
    }
    defer { for buffer in buffers { buffer.deallocate() } }
    var argv = buffers.map { UnsafePointer<CChar>?(UnsafePointer($0)) }
    var lengths = args.map(\.count)
    let raw = redisCommandArgv(ctx, Int32(args.count), &argv, &lengths)
    guard let raw else { throw RedisError.io(command: name, detail: errorText(ctx)) }
    defer { freeReplyObject(raw) }
    return decode(raw.assumingMemoryBound(to: redisReply.self))
  }

  private static func decode(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
    let value = reply.pointee
    switch value.type {
    case REDIS_REPLY_STATUS: return .status(text(value))
    case REDIS_REPLY_ERROR: return .error(text(value))
    case REDIS_REPLY_INTEGER: return .integer(Int64(value.integer))
    case REDIS_REPLY_STRING: return .string(bytes(value))
    case REDIS_REPLY_ARRAY:
      return .array((0..<value.elements).map { decode(value.element[$0]!) })
    default: return .null
    }
  }

  private static func bytes(_ reply: redisReply) -> [UInt8] {
    guard let str = reply.str, reply.len > 0 else { return [] }
    return Array(UnsafeRawBufferPointer(start: str, count: reply.len))
  }

  private static func text(_ reply: redisReply) -> String {
    String(decoding: bytes(reply), as: UTF8.self)
  }

  private static func errorText(_ ctx: UnsafeMutablePointer<redisContext>) -> String {
    let text = withUnsafeBytes(of: ctx.pointee.errstr) { raw in
      String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
    return text.isEmpty ? "error code \(ctx.pointee.err)" : text
  }
}

/// The raw context, sendable because the owning `Mutex` is its only way in.
private struct ContextBox: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<redisContext>
}

private func makeTimeval(_ seconds: Double) -> timeval {
  let whole = seconds.rounded(.down)
  return timeval(tv_sec: Int(whole), tv_usec: Int((seconds - whole) * 1_000_000))
}

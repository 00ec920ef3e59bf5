/// One reply from Redis, decoded from RESP2 (hiredis 0.14 speaks nothing newer).
public enum RedisReply: Sendable, Equatable {
  case status(String)
  case error(String)
  case integer(Int64)
  case string([UInt8])
  case array([RedisReply])
  case null

  /// The reply as text: a bulk string as UTF-8, a status line, or an integer's digits.
  public var text: String? {
    switch self {
    case .string(let bytes): return String(decoding: bytes, as: UTF8.self)
    case .status(let line): return line
    case .integer(let number): return String(number)
    default: return nil
    }
  }

  /// The reply as an integer, also when Redis sent the number as a bulk string.
  public var int: Int64? {
    switch self {
    case .integer(let number): return number
    case .string: return text.flatMap { Int64($0) }
    default: return nil
    }
  }

  /// The elements of an array reply; empty for anything else.
  public var elements: [RedisReply] {
    if case .array(let items) = self { return items }
    return []
  }

  /// Whether this is the null reply (a missing key, or a blocking pop that timed out).
  public var isNull: Bool { self == .null }

  /// The reply itself, or `RedisError.server` when Redis answered with an error.
  @discardableResult
  public func checked(_ command: String) throws(RedisError) -> RedisReply {
    if case .error(let message) = self {
      throw RedisError.server(command: command, message: message)
    }
    return self
  }
}

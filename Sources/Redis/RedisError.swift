/// What went wrong talking to Redis, with the address or command involved.
public enum RedisError: Error, CustomStringConvertible, Equatable {
  /// No connection could be opened (refused, timed out, AUTH or SELECT failed).
  case connect(host: String, port: UInt16, detail: String)
  /// The connection broke or timed out during a command; it is not reused.
  case io(command: String, detail: String)
  /// Redis answered the command with an error reply.
  case server(command: String, message: String)
  /// The pool is waiting out its reconnect backoff after a failed connect.
  case backoff(retryInSeconds: Double, lastError: String)

  public var description: String {
    switch self {
    case .connect(let host, let port, let detail):
      return "redis: cannot connect to \(host):\(port): \(detail)"
    case .io(let command, let detail):
      return "redis: connection lost during \(command): \(detail)"
    case .server(let command, let message):
      return "redis: \(command) failed: \(message)"
    case .backoff(let seconds, let lastError):
      return "redis: reconnecting in \(Int((seconds * 1000).rounded())) ms after: \(lastError)"
    }
  }

  /// Whether the error means the connection (not the command) is at fault.
  public var isConnectionError: Bool {
    switch self {
    case .server: return false
    default: return true
    }
  }
}

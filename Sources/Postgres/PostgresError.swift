/// A PostgreSQL failure with its context: what kind, the server's SQLSTATE and message, and the
/// first line of the statement (never a parameter value, never the connection's password).
public struct PostgresError: Error, CustomStringConvertible, Sendable {
  /// Where the failure happened.
  public enum Kind: Sendable, Equatable {
    /// Connecting failed, or the connection broke; the pool drops such a connection.
    case connection
    /// The server refused or failed a statement.
    case query
    /// A result column was missing, NULL, or not of the asked type.
    case column
    /// A parameter could not be turned into PostgreSQL's text format.
    case parameter
    /// No pooled connection became free in time.
    case poolExhausted
  }

  public var kind: Kind
  /// The five-character SQLSTATE, such as `23505` for a unique violation, when the server sent one.
  public var sqlstate: String?
  public var message: String
  /// The first line of the statement that failed, when a statement was involved.
  public var statement: String?

  /// Creates an error; `statement` is cut to its first line so long SQL stays readable.
  public init(_ kind: Kind, _ message: String, sqlstate: String? = nil, statement: String? = nil) {
    self.kind = kind
    self.message = message
    self.sqlstate = sqlstate
    self.statement = statement.map(PostgresError.firstLine)
  }

  /// Whether the connection itself is gone (SQLSTATE class 08, an administrator's shutdown, or a
  /// socket the server closed), so a new connection may succeed where this one failed.
  public var isConnectionLost: Bool {
    if kind == .connection { return true }
    guard let sqlstate else { return false }
    return sqlstate.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlstate)
  }

  /// Whether `error` says the database is out of reach (connection gone, pool exhausted) rather
  /// than that it refused a statement: retrying each row of a batch alone then only waits on it
  /// again and again.
  public static func isUnreachable(_ error: any Error) -> Bool {
    guard let error = error as? PostgresError else { return false }
    return error.isConnectionLost || error.kind == .poolExhausted
  }

  /// Whether a unique constraint refused the row (SQLSTATE 23505).
  public var isUniqueViolation: Bool { sqlstate == "23505" }

  public var description: String {
    var text = "postgres \(kind): \(message)"
    if let sqlstate { text += " [\(sqlstate)]" }
    if let statement { text += " in: \(statement)" }
    return text
  }

  static func firstLine(_ sql: String) -> String {
    let trimmed = sql.drop { $0 == " " || $0 == "\n" }
    let line = trimmed.prefix { $0 != "\n" }
    return line.count > 120 ? String(line.prefix(120)) + "..." : String(line)
  }
}

import CLibPQ
import FoundationEssentials
import Shared

#if canImport(Glibc)
  import Glibc
#endif

/// One libpq connection, used by one thread at a time (the pool hands it to one caller), which is
/// why it may cross threads although it holds a C handle.
public final class PostgresConnection: @unchecked Sendable {
  private let handle: OpaquePointer

  /// Connects (blocking, at most `connect_timeout` seconds) and sets the session to UTC and ISO
  /// dates so timestamps read back the same everywhere.
  public init(settings: PostgresSettings) throws {
    guard let handle = PQconnectdb(settings.connectionString) else {
      throw PostgresError(.connection, "libpq could not allocate a connection")
    }
    self.handle = handle
    guard PQstatus(handle) == CONNECTION_OK else {
      let reason = PostgresConnection.lastError(handle)
      throw PostgresError(
        .connection,
        "cannot connect to \(settings.host):\(settings.port) as \(settings.user) "
          + "(database \(settings.database)): \(reason)")
    }
    // Server notices (e.g. "table does not exist, skipping") would go to stderr otherwise.
    PQsetNoticeProcessor(handle, { _, _ in }, nil)
    // Sera's transactions are short and never wait on anything outside PostgreSQL. A process
    // frozen (SIGSTOP, a hung VM) inside one would otherwise hold its row locks for as long as
    // it is frozen, and the worker taking its task over would wait on them; PostgreSQL ends
    // such a session after 15 s instead.
    try executeScript(
      "SET TimeZone = 'UTC'; SET DateStyle = 'ISO'; "
        + "SET idle_in_transaction_session_timeout = '15s'")
  }

  deinit {
    PQfinish(handle)
  }

  /// Whether libpq still considers the connection usable.
  public var isOpen: Bool { PQstatus(handle) == CONNECTION_OK }

  /// Whether no transaction is open, so the connection can go back to the pool as it is.
  public var isIdle: Bool { PQtransactionStatus(handle) == PQTRANS_IDLE }

  /// The server process id of this connection, for `pg_terminate_backend` and diagnostics.
  public var backendPID: Int32 { PQbackendPID(handle) }

  /// Checks, without blocking, that the server has not closed the connection while it sat idle.
  /// Sera never LISTENs, so an idle connection has nothing to read unless the server is going
  /// away: a terminated backend (restart, `pg_terminate_backend`) writes its FATAL message
  /// before it leaves `pg_stat_activity` and closes the socket only later, so waiting for the
  /// end of the stream alone would lend out a connection that is about to fail.
  public func isHealthy() -> Bool {
    guard isOpen else { return false }
    var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
    let ready = poll(&descriptor, 1, 0)
    if ready != 0 { return false }
    return isOpen
  }

  /// Runs one statement with `$1...` parameters and returns its rows.
  public func query(_ sql: String, _ params: [any PostgresBindable] = []) throws -> [PostgresRow] {
    let result = try run(sql, params)
    defer { PQclear(result) }
    return rows(of: result)
  }

  /// Runs one statement with `$1...` parameters and returns how many rows it changed.
  @discardableResult
  public func execute(_ sql: String, _ params: [any PostgresBindable] = []) throws -> Int {
    let result = try run(sql, params)
    defer { PQclear(result) }
    return Int(String(cString: PQcmdTuples(result))) ?? 0
  }

  /// Runs SQL text that may hold several statements and no parameters (migrations, SET).
  public func executeScript(_ sql: String) throws {
    let result = PQexec(handle, sql)
    defer { PQclear(result) }
    try check(result, sql: sql)
  }

  /// Runs `body` between BEGIN and COMMIT; any error rolls back and is rethrown.
  @discardableResult
  public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
    try executeScript("BEGIN")
    do {
      let value = try body(self)
      try executeScript("COMMIT")
      return value
    } catch {
      // The original error matters more than a failed ROLLBACK on a broken connection.
      try? executeScript("ROLLBACK")
      throw error
    }
  }

  private func run(_ sql: String, _ params: [any PostgresBindable]) throws -> OpaquePointer {
    let texts: [String?]
    do {
      texts = try params.map { try $0.postgresText() }
      // libpq takes C strings: a NUL would silently cut the value short, and PostgreSQL text
      // cannot hold one anyway.
      if let index = texts.firstIndex(where: { $0?.utf8.contains(0) == true }) {
        throw PostgresError(.parameter, "parameter $\(index + 1) contains a NUL character")
      }
    } catch var error as PostgresError {
      error.statement = PostgresError.firstLine(sql)
      throw error
    }
    let result = PostgresConnection.withCStrings(texts) { values in
      PQexecParams(handle, sql, Int32(values.count), nil, values, nil, nil, 0)
    }
    try check(result, sql: sql)
    return result!
  }

  private func check(_ result: OpaquePointer?, sql: String) throws {
    let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
    if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY {
      return
    }
    let sqlstate = result.flatMap { field($0, "C") }
    let message = result.flatMap { field($0, "M") } ?? PostgresConnection.lastError(handle)
    PQclear(result)
    let kind: PostgresError.Kind = isOpen ? .query : .connection
    throw PostgresError(kind, message, sqlstate: sqlstate, statement: sql)
  }

  private func field(_ result: OpaquePointer, _ code: Character) -> String? {
    guard let pointer = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
    return String(cString: pointer)
  }

  private func rows(of result: OpaquePointer) -> [PostgresRow] {
    let columnCount = PQnfields(result)
    let columns = PostgresColumns(
      names: (0..<columnCount).map { String(cString: PQfname(result, $0)) })
    return (0..<PQntuples(result)).map { row in
      let values: [String?] = (0..<columnCount).map { column in
        PQgetisnull(result, row, column) == 1
          ? nil : String(cString: PQgetvalue(result, row, column))
      }
      return PostgresRow(columns: columns, values: values)
    }
  }

  private static func lastError(_ handle: OpaquePointer) -> String {
    String(cString: PQerrorMessage(handle)).trimmed()
  }

  /// Lends C copies of the strings (NULL for nil) for the duration of `body`.
  private static func withCStrings<R>(
    _ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R
  ) -> R {
    let copies = strings.map { $0.flatMap { strdup($0) } }
    defer {
      for copy in copies { free(copy) }
    }
    return body(copies.map { $0.map { UnsafePointer($0) } })
  }
}

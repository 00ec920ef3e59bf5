import Dispatch
import FoundationEssentials
import Shared
import Synchronization

/// A fixed-size pool of connections shared by threads. A connection is checked before it is lent
/// and dropped when it broke, so a PostgreSQL restart costs new connections, not failed requests.
public final class PostgresPool: Sendable {
  /// Where the pool connects.
  public let settings: PostgresSettings
  /// The most connections open at once.
  public let maxConnections: Int
  private let waitSeconds: Double
  private let permits: DispatchSemaphore
  private let idle = Mutex<[PostgresConnection]>([])
  private let replaced = Atomic<Int>(0)

  /// A pool of at most `maxConnections`, opened lazily; a caller waits at most `waitSeconds` for
  /// a free one before `PostgresError.Kind.poolExhausted`.
  public init(settings: PostgresSettings, maxConnections: Int = 5, waitSeconds: Double = 30) {
    precondition(maxConnections > 0, "a pool needs at least one connection")
    self.settings = settings
    self.maxConnections = maxConnections
    self.waitSeconds = waitSeconds
    self.permits = DispatchSemaphore(value: maxConnections)
  }

  /// How many broken connections were dropped so far (for the `db_reconnects_total` metric).
  public var droppedConnections: Int { replaced.load(ordering: .relaxed) }

  /// Lends one connection to `body` on the calling thread. Calls must not nest: a thread holding
  /// a connection that asks for another can wait on itself when the pool is small.
  public func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
    guard permits.wait(timeout: .now() + waitSeconds) == .success else {
      throw PostgresError(
        .poolExhausted, "no free connection after \(waitSeconds) s (pool of \(maxConnections))")
    }
    defer { permits.signal() }
    let connection = try checkOut()
    do {
      let value = try body(connection)
      checkIn(connection)
      return value
    } catch {
      checkIn(connection)
      throw error
    }
  }

  /// Runs one statement on a pooled connection and returns its rows.
  public func query(_ sql: String, _ params: [any PostgresBindable] = []) throws -> [PostgresRow] {
    try withConnection { try $0.query(sql, params) }
  }

  /// Runs one statement on a pooled connection and returns how many rows it changed.
  @discardableResult
  public func execute(_ sql: String, _ params: [any PostgresBindable] = []) throws -> Int {
    try withConnection { try $0.execute(sql, params) }
  }

  /// Runs `body` in one transaction on one pooled connection.
  @discardableResult
  public func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
    try withConnection { try $0.transaction(body) }
  }

  /// Closes the idle connections; lent ones close when they come back and are dropped later.
  public func closeIdle() {
    let closing = idle.withLock { connections in
      defer { connections.removeAll() }
      return connections
    }
    // PQfinish runs here, outside the lock, as the last references go.
    _ = closing
  }

  /// An idle connection that still works, or a new one.
  private func checkOut() throws -> PostgresConnection {
    while let connection = idle.withLock({ $0.popLast() }) {
      if connection.isHealthy() { return connection }
      replaced.add(1, ordering: .relaxed)
    }
    return try PostgresConnection(settings: settings)
  }

  /// Keeps a connection for reuse unless it broke, or is mid-transaction after an error.
  private func checkIn(_ connection: PostgresConnection) {
    guard connection.isOpen, connection.isIdle else {
      replaced.add(1, ordering: .relaxed)
      return
    }
    idle.withLock { $0.append(connection) }
  }
}

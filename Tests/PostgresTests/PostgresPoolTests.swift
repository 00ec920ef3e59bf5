import Dispatch
import FoundationEssentials
import Glibc
import Postgres
import Shared
import Synchronization
import TestSupport
import Testing

@Suite("PostgresPoolTests")
struct PostgresPoolTests {
  /// Ends the backend behind `pid` and waits until the server no longer lists it, so the test
  /// does not depend on how fast the backend exits.
  private func terminate(_ pid: Int32, using admin: PostgresPool) throws {
    try admin.execute("SELECT pg_terminate_backend($1)", [pid])
    var remaining = 200
    while remaining > 0 {
      let rows = try admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid])
      if rows.isEmpty { return }
      usleep(10_000)
      remaining -= 1
    }
    Issue.record("backend \(pid) was still listed after pg_terminate_backend")
  }

  @Test("a parameter holding NUL is refused, not cut short at the C string boundary")
  func nulParameterIsRefused() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 1)
    defer { pool.closeIdle() }
    #expect(throws: PostgresError.self) { try pool.query("SELECT $1::text AS t", ["a\u{0}b"]) }
    #expect(try pool.query("SELECT $1::text AS t", ["ab"])[0].string("t") == "ab")
  }

  @Test("a connection killed by pg_terminate_backend is replaced on the next checkout (BR-26)")
  func terminatedConnectionIsReplaced() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 1)
    let admin = PostgresPool(settings: settings, maxConnections: 1)

    let first = try pool.withConnection { $0.backendPID }
    try terminate(first, using: admin)

    let second = try pool.query("SELECT pg_backend_pid() AS pid")[0].int("pid")
    #expect(Int32(second) != first)
    #expect(pool.droppedConnections == 1)
  }

  @Test("a query on a dead connection fails as connection-lost and the pool drops it")
  func failedConnectionIsNotReturned() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 1)
    let admin = PostgresPool(settings: settings, maxConnections: 1)

    let error = #expect(throws: PostgresError.self) {
      try pool.withConnection { connection in
        try terminate(connection.backendPID, using: admin)
        return try connection.query("SELECT 1 AS one")
      }
    }
    #expect(error?.isConnectionLost == true)
    #expect(try pool.query("SELECT 1 AS one")[0].int("one") == 1)
    #expect(pool.droppedConnections == 1)
  }

  @Test("a caller waiting longer than the pool allows gets poolExhausted")
  func exhaustedPoolFailsClearly() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 1, waitSeconds: 0.1)
    let error = #expect(throws: PostgresError.self) {
      try pool.withConnection { _ in try pool.query("SELECT 1") }
    }
    #expect(error?.kind == .poolExhausted)
  }

  @Test("threads share a small pool and every query gets an answer")
  func concurrentUseIsSafe() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 2)
    let sums = Mutex<[Int]>([])
    DispatchQueue.concurrentPerform(iterations: 8) { index in
      let value = (try? pool.query("SELECT $1::int + 1 AS v", [index])[0].int("v")) ?? -1
      sums.withLock { $0.append(value) }
    }
    #expect(sums.withLock { $0.sorted() } == Array(1...8))
  }
}

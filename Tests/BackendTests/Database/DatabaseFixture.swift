import Backend
import Postgres
import Shared
import TestSupport
import Testing

/// The suites that run against a real PostgreSQL database, grouped so `--filter Database` finds
/// them all.
@Suite("DatabaseTests") enum DatabaseTests {}

/// A fresh migrated database with a pool and one physician, dropped when the fixture goes.
final class DatabaseFixture {
  let settings: PostgresSettings
  let pool: PostgresPool
  let userId: Int64

  init() throws {
    settings = try TestDatabase.create()
    pool = PostgresPool(settings: settings, maxConnections: 4)
    userId = try UserStore(pool: pool).ensure(username: "dr_kovalenko")
  }

  deinit {
    pool.closeIdle()
    TestDatabase.drop(settings)
  }
}

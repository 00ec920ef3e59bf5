import Backend
import Dispatch
import Postgres
import Synchronization
import TestSupport
import Testing

extension DatabaseTests {
  @Suite("MigrationRunnerTests")
  struct MigrationRunnerTests {
    private func tableExists(_ pool: PostgresPool, _ table: String) throws -> Bool {
      try pool.query("SELECT to_regclass($1) IS NOT NULL AS present", [table])[0].bool("present")
    }

    @Test("up, down and up again move the schema and record each step")
    func upDownUp() throws {
      let settings = try TestDatabase.createEmpty()
      defer { TestDatabase.drop(settings) }
      let pool = PostgresPool(settings: settings, maxConnections: 1)
      let runner = MigrationRunner(pool: pool)
      #expect(try runner.current() == 0)
      #expect(try runner.history().isEmpty)

      let applied = try runner.up()
      #expect(applied.map(\.version) == Migrations.all.map(\.version))
      #expect(try runner.current() == Migrations.head)
      #expect(try tableExists(pool, "drafts"))
      #expect(try runner.history().map(\.name) == Migrations.all.map(\.name))
      #expect(try runner.up().isEmpty)

      let reverted = try runner.down()
      #expect(reverted?.version == Migrations.head)
      #expect(try runner.current() == Migrations.head - 1)
      if Migrations.head == 1 { #expect(try !tableExists(pool, "drafts")) }

      #expect(try runner.up().count == 1)
      #expect(try runner.current() == Migrations.head)
      #expect(try tableExists(pool, "drafts"))
    }

    @Test("two runners migrating at once apply each migration exactly once")
    func concurrentRunnersCooperate() throws {
      let settings = try TestDatabase.createEmpty()
      defer { TestDatabase.drop(settings) }
      let failures = Mutex<[String]>([])
      DispatchQueue.concurrentPerform(iterations: 2) { _ in
        let runner = MigrationRunner(pool: PostgresPool(settings: settings, maxConnections: 1))
        do { try runner.up() } catch { failures.withLock { $0.append("\(error)") } }
      }
      #expect(failures.withLock { $0 } == [])
      let runner = MigrationRunner(pool: PostgresPool(settings: settings, maxConnections: 1))
      #expect(try runner.history().count == Migrations.all.count)
    }

    @Test("a database newer than the code is refused with the version named")
    func unknownVersionIsRefused() throws {
      let settings = try TestDatabase.create()
      defer { TestDatabase.drop(settings) }
      let pool = PostgresPool(settings: settings, maxConnections: 1)
      try pool.execute(
        "INSERT INTO schema_migrations (version, name) VALUES ($1, 'from_the_future')",
        [Migrations.head + 1])
      #expect(
        throws: MigrationError.unknownVersion(Migrations.head + 1, newestKnown: Migrations.head)
      ) {
        try MigrationRunner(pool: pool).down()
      }
    }
  }
}

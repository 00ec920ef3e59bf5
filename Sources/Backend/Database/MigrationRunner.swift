import FoundationEssentials
import Postgres

/// Applies and reverts `Migrations` one transaction per step, recording them in
/// `schema_migrations`; an advisory lock keeps two processes from migrating at once.
public final class MigrationRunner: Sendable {
  /// The advisory-lock key every Sera process migrates under ("SERA" in ASCII).
  static let lockKey: Int64 = 0x5345_5241

  private let pool: PostgresPool
  private let migrations: [Migration]

  /// A runner over `migrations`, oldest first, with unique increasing versions.
  public init(pool: PostgresPool, migrations: [Migration] = Migrations.all) {
    self.pool = pool
    self.migrations = migrations.sorted { $0.version < $1.version }
  }

  /// The newest version the runner knows.
  public var head: Int { migrations.last?.version ?? 0 }

  /// Applies every migration above the current version up to `target` (default: head).
  @discardableResult
  public func up(to target: Int? = nil) throws -> [Migration] {
    let target = target ?? head
    let start = try current()
    guard target >= start, target == 0 || migrations.contains(where: { $0.version == target })
    else { throw MigrationError.badTarget(target, current: start) }
    var applied: [Migration] = []
    while let migration = try applyNext(upTo: target) {
      applied.append(migration)
    }
    return applied
  }

  /// Reverts the newest applied migration; nil when none is applied.
  @discardableResult
  public func down() throws -> Migration? {
    try pool.transaction { connection in
      let version = try lockedCurrent(connection)
      guard version > 0 else { return nil }
      guard let migration = migrations.first(where: { $0.version == version }) else {
        throw MigrationError.unknownVersion(version, newestKnown: head)
      }
      try connection.executeScript(migration.down)
      try connection.execute("DELETE FROM schema_migrations WHERE version = $1", [version])
      return migration
    }
  }

  /// The newest applied version; 0 for an empty database.
  public func current() throws -> Int {
    try pool.withConnection { connection in
      guard try tableExists(connection) else { return 0 }
      return try version(connection)
    }
  }

  /// Every applied migration, oldest first.
  public func history() throws -> [AppliedMigration] {
    try pool.withConnection { connection in
      guard try tableExists(connection) else { return [] }
      let rows = try connection.query(
        "SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
      return try rows.map { row in
        AppliedMigration(
          version: try row.int("version"), name: try row.string("name"),
          appliedAt: try row.date("applied_at"))
      }
    }
  }

  /// Applies the next migration if it is at most `target`; returns it, or nil when none is due.
  private func applyNext(upTo target: Int) throws -> Migration? {
    try pool.transaction { connection in
      let version = try lockedCurrent(connection)
      guard version <= head else {
        throw MigrationError.unknownVersion(version, newestKnown: head)
      }
      guard let next = migrations.first(where: { $0.version > version }), next.version <= target
      else { return nil }
      try connection.executeScript(next.up)
      try connection.execute(
        "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [next.version, next.name])
      return next
    }
  }

  /// Takes the migration lock for this transaction, creates the bookkeeping table if needed, and
  /// reads the version while no one else can change it.
  private func lockedCurrent(_ connection: PostgresConnection) throws -> Int {
    try connection.execute("SELECT pg_advisory_xact_lock($1)", [MigrationRunner.lockKey])
    try connection.executeScript(
      """
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )
      """)
    return try version(connection)
  }

  private func version(_ connection: PostgresConnection) throws -> Int {
    let rows = try connection.query(
      "SELECT coalesce(max(version), 0) AS version FROM schema_migrations")
    return try rows.first?.int("version") ?? 0
  }

  private func tableExists(_ connection: PostgresConnection) throws -> Bool {
    let rows = try connection.query(
      "SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
    return try rows.first?.bool("present") ?? false
  }
}

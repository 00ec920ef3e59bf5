import Backend
import FoundationEssentials
import Postgres
import Shared
import Synchronization

/// Fresh, migrated databases for tests: each is a copy of a template database that is migrated
/// once per schema, so a test pays for a `CREATE DATABASE`, not for the migrations.
public enum TestDatabase {
  /// Guards template creation between parallel test processes ("TEST" in ASCII).
  private static let templateLockKey: Int64 = 0x5445_5354
  private static let prefix = "sera_test_"
  /// The template's name once this process has made sure it exists.
  private static let template = Mutex<String?>(nil)

  /// The server from POSTGRES_HOST/PORT/USER (defaults: the local stack), on `database`.
  public static func serverSettings(database: String = "postgres") -> PostgresSettings {
    PostgresSettings(
      host: TestEnvironment.string("POSTGRES_HOST", default: "127.0.0.1"),
      port: TestEnvironment.port("POSTGRES_PORT", default: 55432),
      user: TestEnvironment.string("POSTGRES_USER", default: "seratonin"),
      password: TestEnvironment.string("POSTGRES_PASSWORD", default: ""),
      database: database)
  }

  /// Creates `sera_test_<random hex>`, migrated to head, and returns settings pointing at it.
  public static func create() throws -> PostgresSettings {
    let templateName = try ensureTemplate()
    let name = prefix + TestEnvironment.randomHex()
    let admin = try PostgresConnection(settings: serverSettings())
    try admin.executeScript("CREATE DATABASE \(quoted(name)) TEMPLATE \(quoted(templateName))")
    return serverSettings(database: name)
  }

  /// Creates an empty `sera_test_<random hex>` with no migration applied, for migration tests.
  public static func createEmpty() throws -> PostgresSettings {
    let name = prefix + TestEnvironment.randomHex()
    let admin = try PostgresConnection(settings: serverSettings())
    try admin.executeScript("CREATE DATABASE \(quoted(name))")
    return serverSettings(database: name)
  }

  /// Drops a database made by `create()`, closing its connections; a failure is ignored because
  /// this is cleanup and the database name is unique anyway.
  public static func drop(_ settings: PostgresSettings) {
    guard settings.database.hasPrefix(prefix) else { return }
    let admin = try? PostgresConnection(settings: serverSettings())
    try? admin?.executeScript("DROP DATABASE IF EXISTS \(quoted(settings.database)) WITH (FORCE)")
  }

  private static func ensureTemplate() throws -> String {
    try template.withLock { known in
      if let known { return known }
      let name = try buildTemplateIfMissing()
      known = name
      return name
    }
  }

  /// Builds the template under a temporary name and renames it when complete, so a process that
  /// dies half-way never leaves a half-migrated template behind.
  private static func buildTemplateIfMissing() throws -> String {
    let admin = try PostgresConnection(settings: serverSettings())
    let name = prefix + "template_" + (try schemaFingerprint(admin))
    try admin.execute("SELECT pg_advisory_lock($1)", [templateLockKey])
    defer { _ = try? admin.execute("SELECT pg_advisory_unlock($1)", [templateLockKey]) }
    let exists = try admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
    if !exists.isEmpty { return name }

    try dropOtherTemplates(admin, keeping: name)
    let building = name + "_building"
    try admin.executeScript("DROP DATABASE IF EXISTS \(quoted(building)) WITH (FORCE)")
    try admin.executeScript("CREATE DATABASE \(quoted(building))")
    try migrate(database: building)
    try admin.executeScript("ALTER DATABASE \(quoted(building)) RENAME TO \(quoted(name))")
    return name
  }

  private static func migrate(database: String) throws {
    let pool = PostgresPool(settings: serverSettings(database: database), maxConnections: 1)
    try MigrationRunner(pool: pool).up()
    pool.closeIdle()
  }

  /// A digest of every migration's SQL, computed by PostgreSQL, so a changed schema gets a new
  /// template instead of a stale one.
  private static func schemaFingerprint(_ admin: PostgresConnection) throws -> String {
    let text = Migrations.all.map { "\($0.version)\n\($0.name)\n\($0.up)\n\($0.down)" }
      .joined(separator: "\n--\n")
    let rows = try admin.query("SELECT left(md5($1), 12) AS digest", [text])
    return try rows[0].string("digest")
  }

  private static func dropOtherTemplates(_ admin: PostgresConnection, keeping name: String) throws {
    let rows = try admin.query(
      "SELECT datname FROM pg_database WHERE datname LIKE 'sera\\_test\\_template\\_%' "
        + "AND datname <> $1", [name])
    for row in rows {
      // Another process may still be copying an old template; it is dropped another day.
      try? admin.executeScript("DROP DATABASE IF EXISTS \(quoted(try row.string("datname")))")
    }
  }

  /// A double-quoted identifier; the names here are our own hex, quoted all the same.
  private static func quoted(_ identifier: String) -> String {
    "\"" + identifier.replacing("\"", with: "\"\"") + "\""
  }
}

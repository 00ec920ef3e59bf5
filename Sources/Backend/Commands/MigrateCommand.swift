import FoundationEssentials
import Postgres
import Shared

/// `sera migrate up [VERSION] | down | current | history | check`: moves, shows or checks the
/// database schema.
struct MigrateCommand: SeraCommand {
  static let name = "migrate"
  static let summary =
    "apply (up), revert one (down), show (current, history) or check (drift) migrations"

  public static let usage = """
    usage: sera migrate up [VERSION]   apply migrations up to VERSION (default: newest)
           sera migrate down           revert the newest applied migration
           sera migrate current        print the applied version
           sera migrate history        list applied migrations
           sera migrate check          compare the database's schema with the migrations' (exit 1
                                       on drift); needs the right to create a scratch database
    """

  static func run(arguments: [String], context: CommandContext) throws -> Int32 {
    guard let action = arguments.first, arguments.count <= 2 else { throw UsageError(usage) }
    let pool = PostgresPool(settings: context.configuration.postgres, maxConnections: 1)
    let runner = MigrationRunner(pool: pool)
    switch (action, arguments.count) {
    case ("up", _):
      try up(runner, target: arguments.dropFirst().first, context: context)
    case ("down", 1):
      guard let reverted = try runner.down() else {
        context.output("nothing to revert: no migration is applied")
        return 0
      }
      context.output("reverted \(describe(reverted)); now at version \(try runner.current())")
    case ("current", 1):
      context.output("schema version \(try runner.current()) (newest known: \(runner.head))")
    case ("history", 1):
      let applied = try runner.history()
      if applied.isEmpty { context.output("no migration applied") }
      for migration in applied {
        let appliedAt = migration.appliedAt.formatted(.iso8601)
        context.output("\(migration.version)  \(migration.name)  applied \(appliedAt)")
      }
    case ("check", 1):
      return try check(context: context)
    default:
      throw UsageError(usage)
    }
    return 0
  }

  private static func up(_ runner: MigrationRunner, target: String?, context: CommandContext) throws
  {
    var version: Int?
    if let target {
      guard let number = Int(target) else { throw UsageError("VERSION must be a number\n" + usage) }
      version = number
    }
    let applied = try runner.up(to: version)
    if applied.isEmpty { context.output("already up to date") }
    for migration in applied { context.output("applied \(describe(migration))") }
    context.output("schema version \(try runner.current())")
  }

  private static func describe(_ migration: Migration) -> String {
    "\(migration.version) \(migration.name)"
  }

  /// Migrates a scratch database on the same server to head and diffs the two schemas, the way
  /// the runbook's `alembic check` compares models with migrations.
  private static func check(context: CommandContext) throws -> Int32 {
    let settings = context.configuration.postgres
    let differences = try SchemaDrift.compare(settings)
    guard differences.isEmpty else {
      context.output("schema drift in \(settings.database): \(differences.count) difference(s)")
      for line in differences { context.output("  " + line) }
      return 1
    }
    context.output(
      "no drift: \(settings.database) matches the migrations (version \(Migrations.head))")
    return 0
  }
}

/// The schema as catalog facts (columns with types, indexes, constraints) and the comparison of
/// a database with a scratch copy made by the migrations.
enum SchemaDrift {
  /// Readable differences: `+` only in the database, `-` missing from it; empty when none.
  static func compare(_ settings: PostgresSettings) throws -> [String] {
    let actual = try facts(PostgresConnection(settings: settings))
    let version = try MigrationRunner(pool: PostgresPool(settings: settings, maxConnections: 1))
      .current()
    var expected = settings
    expected.database = "sera_check_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    let admin = try PostgresConnection(settings: settings)
    // The name is our own hex, so quoting is enough; CREATE DATABASE takes no parameters.
    try admin.executeScript("CREATE DATABASE \"\(expected.database)\"")
    defer {
      try? admin.executeScript("DROP DATABASE IF EXISTS \"\(expected.database)\" WITH (FORCE)")
    }
    let pool = PostgresPool(settings: expected, maxConnections: 1)
    try MigrationRunner(pool: pool).up()
    let wanted = try pool.withConnection { try facts($0) }
    pool.closeIdle()

    var lines: [String] = []
    if version != Migrations.head {
      lines.append("database is at version \(version), the code's head is \(Migrations.head)")
    }
    lines += actual.subtracting(wanted).sorted().map { "+ " + $0 + "  (not made by migrations)" }
    lines += wanted.subtracting(actual).sorted().map { "- " + $0 + "  (missing from database)" }
    return lines
  }

  /// Every column (type, nullability, default), index and constraint of the public schema,
  /// except the migration bookkeeping table, as comparable lines.
  static func facts(_ connection: PostgresConnection) throws -> Set<String> {
    let rows = try connection.query(
      """
      SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type
        || coalesce('(' || character_maximum_length || ')', '')
        || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
        || coalesce(' default ' || column_default, '') AS fact
      FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
      UNION ALL
      SELECT 'index ' || indexname || ': ' || indexdef
      FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
      UNION ALL
      SELECT 'constraint ' || conrelid::regclass::text || '.' || conname || ': '
        || pg_get_constraintdef(oid)
      FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace
        AND conrelid <> coalesce(to_regclass('schema_migrations'), 0::regclass)
      """)
    return Set(try rows.map { normalized(try $0.string("fact")) })
  }

  /// PostgreSQL deparses the same CHECK differently after a pg_dump round trip (where it puts
  /// casts and parentheses), so both are dropped before comparing: a restored database must not
  /// look drifted. A change that differs only in a cast is missed; column types are still compared.
  static func normalized(_ fact: String) -> String {
    fact.replacing(/::[a-z_]+( [a-z_]+)*(\[\])?/, with: "").replacing(/[()]/, with: "")
  }
}

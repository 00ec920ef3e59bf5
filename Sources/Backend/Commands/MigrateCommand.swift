import FoundationEssentials
import Postgres
import Shared

/// `sera migrate up [VERSION] | down | current | history`: moves or shows the database schema.
struct MigrateCommand: SeraCommand {
  static let name = "migrate"
  static let summary = "apply (up), revert one (down), or show (current, history) migrations"

  static let usage = """
    usage: sera migrate up [VERSION]   apply migrations up to VERSION (default: newest)
           sera migrate down           revert the newest applied migration
           sera migrate current        print the applied version
           sera migrate history        list applied migrations
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
}

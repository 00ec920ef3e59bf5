import Postgres
import Shared
import Synchronization
import TestSupport
import Testing

@testable import Backend

@Suite("DatabaseCommandsTests")
struct DatabaseCommandsTests {
  /// Runs a command against `settings` and returns its exit code and printed lines.
  private func run<Command: SeraCommand>(
    _ command: Command.Type, _ arguments: [String], settings: PostgresSettings
  ) throws -> (code: Int32, lines: [String]) {
    let configuration = try Configuration(environment: [
      "POSTGRES_HOST": settings.host, "POSTGRES_PORT": String(settings.port),
      "POSTGRES_USER": settings.user, "POSTGRES_DB": settings.database,
    ])
    let lines = Mutex<[String]>([])
    let context = CommandContext(
      configuration: configuration, logger: Logger(level: .error),
      output: { line in lines.withLock { $0.append(line) } })
    let code = try command.run(arguments: arguments, context: context)
    return (code, lines.withLock { $0 })
  }

  @Test("migrate up, current, history and down print what they did")
  func migrateCommand() throws {
    let settings = try TestDatabase.createEmpty()
    defer { TestDatabase.drop(settings) }
    let up = try run(MigrateCommand.self, ["up"], settings: settings)
    #expect(up.code == 0 && up.lines.last == "schema version \(Migrations.head)")
    let history = try run(MigrateCommand.self, ["history"], settings: settings)
    #expect(history.lines.count == Migrations.all.count)
    #expect(history.lines.first?.hasPrefix("1  initial_schema  applied 20") == true)
    let down = try run(MigrateCommand.self, ["down"], settings: settings)
    #expect(down.lines.first?.hasPrefix("reverted \(Migrations.head) ") == true)
    #expect(throws: UsageError.self) {
      try run(MigrateCommand.self, ["sideways"], settings: settings)
    }
  }

  @Test("token create prints a working token once; token list never prints it")
  func tokenCommand() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let created = try run(
      TokenCommand.self, ["create", "--role", "oncall", "--user", "anna", "--label", "tui"],
      settings: settings)
    let token = try #require(created.lines.first)
    // Only the token reaches standard output, so `sera token create ... > file` stores it alone.
    #expect(created.lines.count == 1)
    let who = try TokenStore(pool: PostgresPool(settings: settings)).authenticate(token)
    #expect(who?.username == "anna" && who?.role == .oncall)

    let listed = try run(TokenCommand.self, ["list"], settings: settings)
    #expect(listed.lines.count == 1 && listed.lines[0].contains("anna  oncall"))
    #expect(!listed.lines[0].contains(token))
    #expect(throws: UsageError.self) {
      try run(TokenCommand.self, ["create", "--role", "admin", "--user", "x"], settings: settings)
    }
  }
}

/// `sera <command> --help` prints the command's usage and starts nothing.
@Suite struct CommandHelpTests {
  @Test(arguments: ["serve", "worker", "scheduler", "config", "migrate", "tasks", "doctor"])
  func helpPrintsUsageAndStartsNothing(command: String) {
    // A server or worker started here would never return, and the test would hang.
    #expect(CommandDispatcher.run(arguments: [command, "--help"]) == 0)
    #expect(CommandDispatcher.run(arguments: [command, "-h"]) == 0)
  }
}

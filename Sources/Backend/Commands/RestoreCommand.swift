import FoundationEssentials
import Shared

/// `sera restore FILE`: loads a `sera backup` (or the runbook's pg_dump) into the configured
/// database with psql in one transaction, so a failed restore leaves the database as it was;
/// then uploads FILE.qdrant/*.snapshot to Qdrant when QDRANT_URL is set and the folder exists.
struct RestoreCommand: SeraCommand {
  static let name = "restore"
  static let summary = "load a sera backup FILE into the configured database (and Qdrant)"

  public static let usage = """
    usage: sera restore FILE
      Runs FILE through psql in a single transaction, stopping at the first error. Stop the
      backend, worker and scheduler first: the dump drops and recreates every table.
    """

  static func run(arguments: [String], context: CommandContext) throws -> Int32 {
    guard arguments.count == 1, let file = arguments.first, !file.hasPrefix("-") else {
      throw UsageError(usage)
    }
    guard FileManager.default.fileExists(atPath: file) else {
      throw OperationsError("no backup file at \(file)")
    }
    let settings = try OperationsSettings(environment: context.configuration.environment)
    let postgres = context.configuration.postgres
    let arguments =
      PostgresClientTool.connectionArguments(postgres) + [
        "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", "--file=\(file)",
        // psql prints a line per statement; the operator needs only errors.
        "--output=/dev/null",
      ]
    try PostgresClientTool.run(settings.psql, arguments, postgres: postgres)
    context.output("restored \(file) into \(postgres.database) on \(postgres.host)")
    let folder = file + ".qdrant"
    if let qdrant = settings.qdrantURL, FileManager.default.fileExists(atPath: folder) {
      let restored = try QdrantSnapshots(baseURL: qdrant, apiKey: settings.qdrantAPIKey)
        .restoreAll(from: folder)
      context.output("restored \(restored.count) Qdrant snapshot(s) from \(folder)")
    }
    return 0
  }
}

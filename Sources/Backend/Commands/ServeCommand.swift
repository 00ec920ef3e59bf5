import FoundationEssentials
import Postgres
import Redis
import Shared

/// `sera serve`: the HTTP API on SERA_HTTP_HOST:SERA_HTTP_PORT until SIGTERM or SIGINT.
public enum ServeCommand: SeraCommand {
  public static let name = "serve"
  public static let summary = "run the HTTP API (default 127.0.0.1:8001) until SIGTERM/SIGINT"

  // Connections beyond one per request thread: for a request that needs a second one while it
  // holds its first (so no thread can wait on another for a connection), and for the Slack
  // command batches (GroupCommit), which write on a queue of their own.
  static let spareConnections = 2

  public static func run(arguments: [String], context: CommandContext) throws -> Int32 {
    guard arguments.isEmpty else {
      throw UsageError("usage: sera serve (settings come from the environment)")
    }
    let configuration = context.configuration
    let api = APIServer(
      configuration: configuration,
      postgres: PostgresPool(
        settings: configuration.postgres,
        maxConnections: configuration.httpThreads + spareConnections),
      redis: RedisPool(settings: configuration.redis), logger: context.logger,
      metrics: MetricsRegistry())
    let stop = ShutdownSignal()
    let server = try api.serve(
      host: configuration.httpHost, port: configuration.httpPort, threads: configuration.httpThreads
    )
    context.logger.info(
      "server_started",
      [("host", .string(configuration.httpHost)), ("port", .int(Int64(configuration.httpPort)))])
    stop.wait()
    context.logger.info("server_stopping")
    server.stop()
    context.logger.info("server_stopped")
    return 0
  }
}

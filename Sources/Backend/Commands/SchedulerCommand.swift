import FoundationEssentials
import Postgres
import Redis
import Shared

/// `sera scheduler`: retries, reaper, re-drive, scheduled publishing and ops samples.
public enum SchedulerCommand: SeraCommand {
  public static let name = "scheduler"
  public static let summary = "move due retries, reap leases, publish scheduled drafts, sample ops"

  public static func run(arguments: [String], context: CommandContext) throws -> Int32 {
    let signals = ShutdownSignal()
    let configuration = context.configuration
    let settings = try QueueSettings(environment: configuration.environment)
    let redis = RedisPool(settings: configuration.redis)
    let postgres = PostgresPool(settings: configuration.postgres)
    let registry = MetricsRegistry()
    let queue = TaskQueue(
      redis: redis, name: configuration.queueName, leaseDuration: Double(settings.leaseSeconds))
    let scheduler = Scheduler(
      queue: queue, drafts: PostgresSchedulerDrafts(pool: postgres),
      stats: OpsQueries(pool: postgres), runs: TaskRunStore(pool: postgres), registry: registry,
      logger: context.logger, options: SchedulerOptions(settings: settings))
    let server = try MetricsEndpoint.start(
      host: configuration.httpHost, port: configuration.schedulerMetricsPort, registry: registry
    ) { HealthProbe.report(redis: redis, postgres: postgres) }
    scheduler.start()
    let slackRelay = SlackRelay.start(
      configuration: configuration, postgres: postgres, logger: context.logger)
    context.logger.info("scheduler_started", [("queue", .string(configuration.queueName))])
    signals.wait()
    slackRelay?.stop()
    scheduler.stop()
    server.stop()
    context.logger.info("scheduler_stopped")
    return 0
  }
}

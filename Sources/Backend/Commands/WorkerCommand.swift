import FoundationEssentials
import Postgres
import Redis
import Shared

/// `sera worker`: runs tasks from the queue until SIGTERM or SIGINT.
public enum WorkerCommand: SeraCommand {
  public static let name = "worker"
  public static let summary = "run queued tasks (metrics and health on METRICS_PORT)"

  public static func run(arguments: [String], context: CommandContext) throws -> Int32 {
    let configuration = context.configuration
    // One registry for the worker's and the LLM router's metrics, so /metrics shows both.
    let registry = MetricsRegistry()
    let llmAlarms = LLMProviderAlarms()
    let handlers = BackendTasks.handlers(
      configuration: configuration, pool: PostgresPool(settings: configuration.postgres),
      redis: RedisPool(settings: configuration.redis), logger: context.logger,
      metrics: registry, llmAlarms: llmAlarms)
    return try run(handlers: handlers, context: context, registry: registry, llmAlarms: llmAlarms)
  }

  /// Runs a worker with the given handlers (plus `noop`) until a shutdown signal; exits 0.
  public static func run(
    handlers: [any TaskHandler], context: CommandContext,
    registry: MetricsRegistry = MetricsRegistry(), llmAlarms: LLMProviderAlarms = .init()
  ) throws -> Int32 {
    let signals = ShutdownSignal()
    let configuration = context.configuration
    let settings = try QueueSettings(environment: configuration.environment)
    // Every slot holds a connection while it waits for work, and the maintenance loop one more:
    // keep that many idle ones, so a busy worker does not reconnect between tasks.
    let redis = RedisPool(
      settings: configuration.redis, maxIdle: configuration.workerConcurrency + 2)
    let queue = TaskQueue(
      redis: redis, name: configuration.queueName, leaseDuration: Double(settings.leaseSeconds))
    let postgres = PostgresPool(settings: configuration.postgres)
    let options = WorkerOptions(settings: settings, concurrency: configuration.workerConcurrency)
    let worker = Worker(
      queue: queue, runs: GroupedTaskRuns(store: TaskRunStore(pool: postgres)),
      metrics: WorkerMetrics(registry: registry),
      logger: context.logger, options: options)
    let server = try MetricsEndpoint.start(
      host: configuration.httpHost, port: configuration.workerMetricsPort, registry: registry
    ) {
      HealthProbe.report(redis: redis, postgres: postgres) { worker.isConsuming }
        .withLLMAlarms(llmAlarms)
    }
    worker.start(handlers: handlers)
    signals.wait()
    context.logger.info("worker_stopping", [("grace_seconds", .double(options.gracePeriod))])
    worker.stop()
    server.stop()
    return 0
  }
}

/// The task metrics the worker exports, under the names Taskiq's Prometheus middleware uses
/// so existing Grafana panels keep working.
public struct WorkerMetrics: Sendable {
  /// Finished attempts by task and status (`success`, `failure`, `timeout`, `dead`, `lost`).
  public let tasks: Counter
  public let failures: Counter
  public let duration: Histogram
  public let queueDepth: Gauge
  public let inFlight: Gauge
  public let retries: Counter
  public let deadLetters: Gauge

  /// Duration buckets in seconds, up to the longest task timeout (300 s).
  public static let durationBuckets: [Double] = [
    0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 180, 300,
  ]

  /// Registers the worker's metrics in a registry.
  public init(registry: MetricsRegistry) {
    tasks = registry.counter(
      "taskiq_tasks_total", help: "Finished task attempts.", labels: ["task_name", "status"])
    failures = registry.counter(
      "taskiq_task_failures_total", help: "Failed task attempts.", labels: ["task_name"])
    duration = registry.histogram(
      "taskiq_task_duration_seconds", help: "Task attempt duration in seconds.",
      labels: ["task_name"], buckets: WorkerMetrics.durationBuckets)
    queueDepth = registry.gauge("taskiq_queue_depth", help: "Messages waiting in the queue.")
    inFlight = registry.gauge("taskiq_tasks_in_flight", help: "Tasks running on this worker.")
    retries = registry.counter(
      "taskiq_task_retries_total", help: "Retries scheduled.", labels: ["task_name"])
    deadLetters = registry.gauge("taskiq_dead_letters", help: "Messages on the dead list.")
  }
}

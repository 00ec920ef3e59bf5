import Backend
import Testing

@Suite("MetricsRegistry")
struct MetricsRegistryTests {
  @Test func rendersCountersWithHelpTypeAndEscapedLabels() {
    let registry = MetricsRegistry()
    let counter = registry.counter("jobs_total", help: "Jobs.\nDone \\ now", labels: ["name"])
    counter.increment(["a\"b\\c\nd"], by: 2)
    let text = registry.render()
    #expect(
      text == """
        # HELP jobs_total Jobs.\\nDone \\\\ now
        # TYPE jobs_total counter
        jobs_total{name="a\\"b\\\\c\\nd"} 2

        """)
  }

  @Test func rendersHistogramBucketsCumulativelyWithSumAndCount() {
    let registry = MetricsRegistry()
    let histogram = registry.histogram("d_seconds", help: "D.", labels: ["t"], buckets: [1, 0.5])
    histogram.observe(0.25, ["x"])
    histogram.observe(0.75, ["x"])
    histogram.observe(2, ["x"])
    let lines = registry.render().split(separator: "\n").map(String.init)
    #expect(
      lines == [
        "# HELP d_seconds D.", "# TYPE d_seconds histogram",
        "d_seconds_bucket{t=\"x\",le=\"0.5\"} 1", "d_seconds_bucket{t=\"x\",le=\"1\"} 2",
        "d_seconds_bucket{t=\"x\",le=\"+Inf\"} 3", "d_seconds_sum{t=\"x\"} 3",
        "d_seconds_count{t=\"x\"} 3",
      ])
  }

  @Test func gaugesGoUpAndDownAndWorkerMetricsUseTaskiqNames() {
    let registry = MetricsRegistry()
    let metrics = WorkerMetrics(registry: registry)
    metrics.inFlight.add(2)
    metrics.inFlight.add(-1)
    metrics.tasks.increment(["noop", "success"])
    #expect(metrics.inFlight.value() == 1)
    let text = registry.render()
    #expect(text.contains("taskiq_tasks_in_flight 1\n"))
    #expect(text.contains("taskiq_tasks_total{task_name=\"noop\",status=\"success\"} 1\n"))
    #expect(text.contains("# TYPE taskiq_task_duration_seconds histogram\n"))
  }
}

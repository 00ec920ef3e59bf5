import Backend
import Foundation
import Shared
import Testing

/// What the queue leaves in Redis and what it tells Prometheus.
@Suite(.serialized) struct QueueHygieneTests {
  /// Families the issue requires on both metrics ports.
  static let requiredFamilies = [
    "taskiq_tasks_total", "taskiq_task_failures_total", "taskiq_task_duration_seconds",
    "taskiq_queue_depth", "taskiq_tasks_in_flight", "taskiq_task_retries_total",
    "taskiq_dead_letters",
  ]

  @Test func metricsAreRegisteredAtStartAndPromtoolAcceptsThem() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    let services = [
      try stack.launch("worker", name: "worker"), try stack.launch("scheduler", name: "scheduler"),
    ]
    for service in services {
      let metrics = try stack.fetch(service, "/metrics")
      for family in Self.requiredFamilies {
        #expect(metrics.body.contains("# TYPE \(family) "), "\(family) missing before any task")
      }
    }
    try stack.queue.enqueue(TaskMessage(taskName: "noop"))
    try stack.queue.enqueue(TaskMessage(taskName: "no_such_task"))
    _ = waitUntil(seconds: 10) { (try? stack.queue.counts().dead) == 1 }
    for service in services {
      let metrics = try stack.fetch(service, "/metrics")
      let file = stack.workDirectory + "/metrics-\(service.metricsPort).txt"
      try metrics.body.write(toFile: file, atomically: true, encoding: .utf8)
      // promtool reads the exposition from standard input only.
      let check = try runCommand(
        "/bin/sh", ["-c", "/usr/bin/promtool check metrics < '\(file)'"],
        environment: stack.environment)
      #expect(check.status == 0, "promtool: \(check.output) \(check.errors)")
    }
    let worker = try stack.fetch(services[0], "/metrics").body
    #expect(worker.contains("taskiq_tasks_total{task_name=\"noop\",status=\"success\"} 1"))
  }

  @Test func workerHealthIsReadyOnlyWhileConnectedAndConsuming() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    let worker = try stack.launch("worker", name: "worker")
    #expect(waitUntil(seconds: 10) { (try? stack.fetch(worker, "/health").status) == 200 })
    stack.stopRedis()
    #expect(waitUntil(seconds: 10) { (try? stack.fetch(worker, "/health").status) == 503 })
    let body = try stack.fetch(worker, "/health").body
    #expect(body.contains("consumer"))
    try stack.startRedis()
    #expect(waitUntil(seconds: 20) { (try? stack.fetch(worker, "/health").status) == 200 })
  }

  @Test func everyKeySeraWritesExpiresOrIsADocumentedBoundedKey() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.indexKnowledgeBase()
    let worker = try stack.launch("worker", name: "worker")
    let scheduler = try stack.launch("scheduler", name: "scheduler")
    let drafts = try stack.insertDrafts(count: 3, status: .pending)
    _ = try stack.queueGeneration(drafts)
    try stack.queue.enqueue(TaskMessage(taskName: "noop"))
    try stack.queue.enqueue(TaskMessage(taskName: "no_such_task"))
    _ = try stack.redisCLI(["LPUSH", "seratonin_tasks", "not json"])
    let done = waitUntil(seconds: 60) {
      (try? stack.statuses(drafts).values.allSatisfy { $0 == "generated" }) == true
        && (try? stack.queue.counts().dead) == 2
    }
    #expect(done, "\(worker.process.log().suffix(2000))")
    Thread.sleep(forTimeInterval: 11)  // one ops sample (every 10 s) into the history

    let bounded = stack.queue.unexpiringKeys
    var offenders: [String] = []
    for key in try stack.redisCLI(["--scan"]).split(separator: "\n").map(String.init) {
      let ttl =
        Int(try stack.redisCLI(["TTL", key]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
      guard ttl == -1 else { continue }
      let documented = bounded.contains { $0.hasSuffix(":") ? key.hasPrefix($0) : key == $0 }
      if !documented { offenders.append(key) }
    }
    #expect(offenders.isEmpty, "keys with no expiry and no documented bound: \(offenders)")
    _ = scheduler
  }
}

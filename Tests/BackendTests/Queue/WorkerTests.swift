import Backend
import Redis
import Shared
import Testing

@Suite("Worker", .serialized)
struct WorkerTests {
  @Test func failingTaskRetriesWithDoublingGapsThenDies() throws {
    let queue = QueueTestEnvironment.queue()
    let handler = AlwaysFailingHandler()
    let worker = Worker(
      queue: queue, runs: nil, metrics: WorkerMetrics(registry: MetricsRegistry()),
      logger: QueueTestEnvironment.quietLogger(), options: QueueTestEnvironment.fastOptions())
    worker.start(handlers: [handler])
    defer { worker.stop() }
    let message = TaskMessage(taskName: handler.name)
    try queue.enqueue(message)

    #expect(
      try QueueTestEnvironment.waitUntil(10) { try queue.result(taskId: message.taskId) != nil })
    let starts = handler.starts.withLock { $0 }
    #expect(starts.count == 4)
    let gaps = zip(starts.dropFirst(), starts).map { $0 - $1 }
    for (index, gap) in gaps.enumerated() {
      let nominal = 0.2 * Double(1 << index)
      #expect(gap >= nominal * 0.8, "retry \(index + 1) came after \(gap) s")
    }
    let result = try #require(try queue.result(taskId: message.taskId))
    #expect(result.isErr)
    #expect(result.labels["_retries"] == .int(3))
    let ttl = try #require(try queue.redis.command(["TTL", "taskiq:result:\(message.taskId)"]).int)
    #expect((1...3600).contains(ttl))
    #expect(try queue.counts() == QueueCounts(depth: 0, inFlight: 0, delayed: 0, dead: 1))
    #expect(try queue.deadLetters().first?.taskId == message.taskId)
    #expect(handler.finalReasons.withLock { $0.count } == 1)
  }

  @Test func invalidJSONIsDeadLetteredAndTheWorkerKeepsGoing() throws {
    let queue = QueueTestEnvironment.queue()
    let worker = Worker(
      queue: queue, runs: nil, metrics: WorkerMetrics(registry: MetricsRegistry()),
      logger: QueueTestEnvironment.quietLogger(), options: QueueTestEnvironment.fastOptions())
    worker.start(handlers: [])
    defer { worker.stop() }
    try queue.redis.checked(["LPUSH", queue.name, "{not json"])
    let good = TaskMessage(taskName: "noop", kwargs: ["x": .int(7)])
    try queue.enqueue(good)

    #expect(try QueueTestEnvironment.waitUntil(5) { try queue.result(taskId: good.taskId) != nil })
    #expect(try queue.result(taskId: good.taskId)?.returnValue == .object(["x": .int(7)]))
    let dead = try queue.deadLetters()
    #expect(dead.count == 1)
    #expect(dead.first?.message == "{not json")
  }

  @Test func unknownTaskNameIsDeadLetteredWithAnErrorResult() throws {
    let queue = QueueTestEnvironment.queue()
    let worker = Worker(
      queue: queue, runs: nil, metrics: WorkerMetrics(registry: MetricsRegistry()),
      logger: QueueTestEnvironment.quietLogger(), options: QueueTestEnvironment.fastOptions())
    worker.start(handlers: [])
    defer { worker.stop() }
    let message = TaskMessage(taskName: "no_such_task")
    try queue.enqueue(message)
    #expect(
      try QueueTestEnvironment.waitUntil(5) { try queue.result(taskId: message.taskId) != nil })
    #expect(try queue.result(taskId: message.taskId)?.error?.excType == "UnknownTask")
    #expect(try queue.counts().dead == 1)
  }

  @Test func stopHandsBackTasksThatOutliveTheGracePeriod() throws {
    let queue = QueueTestEnvironment.queue()
    var options = QueueTestEnvironment.fastOptions(concurrency: 1)
    options.gracePeriod = 0.3
    let worker = Worker(
      queue: queue, runs: nil, metrics: WorkerMetrics(registry: MetricsRegistry()),
      logger: QueueTestEnvironment.quietLogger(), options: options)
    worker.start(handlers: [SlowHandler(seconds: 3)])
    try queue.enqueue(TaskMessage(taskName: "slow"))
    #expect(try QueueTestEnvironment.waitUntil(5) { try queue.counts().inFlight == 1 })
    #expect(worker.stop() == 1)
    #expect(try queue.counts() == QueueCounts(depth: 1, inFlight: 0, delayed: 0, dead: 0))
  }

  @Test func standardPolicyWaitsFiveTenTwentySecondsWithinJitter() {
    let policy = RetryPolicy.standard
    #expect((1...3).map { policy.nominalDelay(retry: $0) } == [5, 10, 20])
    #expect(policy.delay(retry: 1, random: 0) == 4.25)
    #expect(policy.delay(retry: 3, random: 1) == 23)
    #expect(policy.allowsRetry(after: 2))
    #expect(!policy.allowsRetry(after: 3))
  }
}

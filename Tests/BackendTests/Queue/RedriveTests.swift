import Backend
import Redis
import Shared
import Testing

@Suite("Re-drive and task tracking")
struct RedriveTests {
  private func generation(draftId: Int64, taskId: String? = nil) -> TaskMessage {
    TaskMessage(
      taskId: taskId ?? TaskMessage.newTaskId(), taskName: TaskName.generateDraft,
      labels: ["timeout": "60"], kwargs: ["draft_id": .string(String(draftId))])
  }

  /// Draft ids far above any real table's, so the global `sera:draft-task:` keys stay apart.
  private func draftId() -> Int64 { Int64.random(in: 1_000_000_000...9_000_000_000) }

  private func forget(_ queue: TaskQueue, _ message: TaskMessage, draftId: Int64) throws {
    try queue.redis.checked([
      "DEL", queue.name, queue.name + ":task:" + message.taskId, "sera:draft-task:\(draftId)",
    ])
  }

  @Test func aWaitingTaskIsNotQueuedTwice() throws {
    let queue = QueueTestEnvironment.queue()
    let id = draftId()
    let message = generation(draftId: id)
    try queue.enqueue(message)
    #expect(try queue.redrive(message) == false)
    #expect(try queue.redrive(generation(draftId: id)) == false, "a fresh id for the same draft")
    #expect(try queue.counts().depth == 1)
  }

  @Test func aLeasedOrDelayedTaskIsNotQueuedTwice() throws {
    let queue = QueueTestEnvironment.queue()
    let id = draftId()
    let message = generation(draftId: id)
    try queue.enqueue(message)
    guard case .leased(let lease)? = try queue.fetch(workerId: "w", blockSeconds: 1) else {
      Issue.record("expected a lease")
      return
    }
    #expect(try queue.redrive(message) == false)
    #expect(try queue.retry(lease, after: 60))
    #expect(try queue.redrive(message) == false)
    #expect(try queue.counts() == QueueCounts(depth: 0, inFlight: 0, delayed: 1, dead: 0))
  }

  @Test func aTaskGoneFromRedisIsQueuedOnceUnderItsOwnId() throws {
    let queue = QueueTestEnvironment.queue()
    let id = draftId()
    let message = generation(draftId: id)
    try queue.enqueue(message)
    try forget(queue, message, draftId: id)

    #expect(try queue.redrive(message))
    #expect(try queue.redrive(message) == false)
    #expect(try queue.redrive(generation(draftId: id)) == false, "a second scheduler's fresh id")
    let raw = try #require(try queue.redis.checked(["LINDEX", queue.name, "0"]).text)
    let queued = try SeraJSON.decode(TaskMessage.self, from: Array(raw.utf8))
    #expect(queued.taskId == message.taskId)
    #expect(queued.labels["timeout"] == "60")
    #expect(try queue.counts().depth == 1)
  }

  @Test func aFinishedTaskIsNotQueuedAgainWhileItsResultLasts() throws {
    let queue = QueueTestEnvironment.queue()
    let id = draftId()
    let message = generation(draftId: id)
    try queue.enqueue(message)
    guard case .leased(let lease)? = try queue.fetch(workerId: "w", blockSeconds: 1) else {
      Issue.record("expected a lease")
      return
    }
    #expect(try queue.complete(lease, value: .null, executionTime: 0.1))
    #expect(try queue.redis.checked(["EXISTS", queue.name + ":task:" + message.taskId]).int == 0)
    #expect(try queue.redrive(message) == false)
  }

  @Test func aTaskBuriedForLosingItsLeasesHasAFailureResult() throws {
    let queue = QueueTestEnvironment.queue(leaseDuration: 0.05)
    let message = TaskMessage(taskName: "noop")
    try queue.enqueue(message)
    var reaped: [ReapedLease] = []
    for _ in 0...TaskQueue.maxLeaseLosses {
      _ = try queue.fetch(workerId: "w", blockSeconds: 1)
      _ = QueueTestEnvironment.waitUntil(1) { false }
      reaped = try queue.reap()
    }
    #expect(reaped.map(\.dead) == [true])
    let result = try #require(try queue.result(taskId: message.taskId))
    #expect(result.isErr)
    #expect(result.error?.excType == "LeaseLost")
    let ttl = try queue.redis.checked(["TTL", "taskiq:result:" + message.taskId]).int ?? -1
    #expect((1...Int64(TaskQueue.resultTTLSeconds)).contains(ttl))
    #expect(try queue.deadLetters().map(\.taskId) == [message.taskId])
  }
}

import Backend
import Dispatch
import Redis
import Shared
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

private func sleepSeconds(_ seconds: Double) { usleep(UInt32(seconds * 1_000_000)) }

@Suite("TaskQueue")
struct TaskQueueTests {
  @Test func messagesComeOutInTheOrderTheyWentIn() throws {
    let queue = QueueTestEnvironment.queue()
    let first = TaskMessage(taskName: "noop", kwargs: ["n": .int(1)])
    let second = TaskMessage(taskName: "noop", kwargs: ["n": .int(2)])
    try queue.enqueue(first)
    try queue.enqueue(second)
    #expect(try queue.counts().depth == 2)
    guard case .leased(let a)? = try queue.fetch(workerId: "w", blockSeconds: 1),
      case .leased(let b)? = try queue.fetch(workerId: "w", blockSeconds: 1)
    else {
      Issue.record("expected two leases")
      return
    }
    #expect([a.message, b.message] == [first, second])
    #expect(try queue.counts() == QueueCounts(depth: 0, inFlight: 2, delayed: 0, dead: 0))
  }

  @Test("several messages queued at once come out in order, each marked present")
  func aBatchComesOutInOrderWithEachTaskMarked() throws {
    let queue = QueueTestEnvironment.queue()
    let draftId = Int64.random(in: 1_000_000...9_000_000)
    let messages = [
      TaskMessage(taskName: "noop", kwargs: ["n": .int(1)]),
      TaskMessage(taskName: "generate_draft", kwargs: ["draft_id": .string(String(draftId))]),
      TaskMessage(taskName: "noop", kwargs: ["n": .int(3)]),
    ]
    try queue.enqueue(messages)
    #expect(try queue.counts().depth == 3)
    for message in messages {
      let marker = try queue.redis.command(["TTL", "\(queue.name):task:\(message.taskId)"]).int
      #expect((1...TaskQueue.trackingTTLSeconds).contains(Int(marker ?? -1)))
    }
    let draftKey = "sera:draft-task:\(draftId)"
    #expect(try queue.redis.command(["GET", draftKey]).text == messages[1].taskId)
    _ = try queue.redis.command(["DEL", draftKey])
    var fetched: [TaskMessage] = []
    while case .leased(let lease)? = try queue.fetch(workerId: "w", blockSeconds: 1) {
      fetched.append(lease.message)
      if fetched.count == messages.count { break }
    }
    #expect(fetched == messages)
  }

  @Test func enqueuedJSONHasTaskiqFields() throws {
    let queue = QueueTestEnvironment.queue()
    try queue.enqueue(TaskMessage(taskName: "generate_draft", kwargs: ["draft_id": .string("42")]))
    let raw = try #require(try queue.redis.command(["LINDEX", queue.name, "0"]).text)
    let object = try SeraJSON.decode(JSONValue.self, from: Array(raw.utf8))
    guard case .object(let fields) = object else {
      Issue.record("not an object")
      return
    }
    #expect(
      Set(fields.keys) == ["task_id", "task_name", "labels", "labels_types", "args", "kwargs"])
    #expect(TaskMessage.isValidTaskId(fields["task_id"]?.stringValue ?? ""))
    #expect(fields["kwargs"]?["draft_id"] == .string("42"))
  }

  @Test func staleWorkerCannotFinishAfterTheReaperRequeuedItsTask() throws {
    let queue = QueueTestEnvironment.queue(leaseDuration: 0.2)
    try queue.enqueue(TaskMessage(taskName: "noop"))
    guard case .leased(let stale)? = try queue.fetch(workerId: "stale", blockSeconds: 1) else {
      Issue.record("expected a lease")
      return
    }
    sleepSeconds(0.4)
    let reaped = try queue.reap()
    #expect(reaped.map(\.taskId) == [stale.message.taskId])
    guard case .leased(let owner)? = try queue.fetch(workerId: "owner", blockSeconds: 1) else {
      Issue.record("expected the requeued message")
      return
    }
    #expect(owner.message.taskId == stale.message.taskId)
    #expect(try queue.complete(stale, value: .string("stale"), executionTime: 1) == false)
    #expect(try queue.complete(owner, value: .string("owner"), executionTime: 1))
    #expect(try queue.result(taskId: owner.message.taskId)?.returnValue == .string("owner"))
    #expect(try queue.counts() == QueueCounts(depth: 0, inFlight: 0, delayed: 0, dead: 0))
  }

  @Test func reaperLeavesLiveLeasesAlone() throws {
    let queue = QueueTestEnvironment.queue(leaseDuration: 30)
    try queue.beat(workerId: "live", ttl: 30)
    try queue.enqueue(TaskMessage(taskName: "noop"))
    _ = try queue.fetch(workerId: "live", blockSeconds: 1)
    #expect(try queue.reap().isEmpty)
    #expect(try queue.counts().inFlight == 1)
    #expect(try queue.counts().depth == 0)
  }

  @Test func requeueAllDeadRunTwiceConcurrentlyYieldsOneCopy() throws {
    let queue = QueueTestEnvironment.queue()
    for _ in 0..<20 {
      try queue.enqueue(TaskMessage(taskName: "noop"))
      guard case .leased(let lease)? = try queue.fetch(workerId: "w", blockSeconds: 1) else {
        Issue.record("expected a lease")
        return
      }
      #expect(try queue.bury(lease, reason: "test", errorType: "Test", executionTime: 0))
    }
    #expect(try queue.counts().dead == 20)
    let moved = Mutex<[Int]>([])
    DispatchQueue.concurrentPerform(iterations: 2) { _ in
      let count = (try? queue.requeueAllDead()) ?? -1
      moved.withLock { $0.append(count) }
    }
    #expect(moved.withLock { $0.sorted() } == [0, 20])
    #expect(try queue.counts() == QueueCounts(depth: 20, inFlight: 0, delayed: 0, dead: 0))
  }

  @Test func requeueOneDeadTaskMovesOnlyThatTask() throws {
    let queue = QueueTestEnvironment.queue()
    var ids: [String] = []
    for _ in 0..<2 {
      try queue.enqueue(TaskMessage(taskName: "noop", labels: ["_retries": "3"]))
      guard case .leased(let lease)? = try queue.fetch(workerId: "w", blockSeconds: 1) else {
        return
      }
      _ = try queue.bury(lease, reason: "test", errorType: "Test", executionTime: 0)
      ids.append(lease.message.taskId)
    }
    #expect(try queue.requeueDead(taskId: ids[0]) == 1)
    #expect(try queue.requeueDead(taskId: ids[0]) == 0)
    guard case .leased(let again)? = try queue.fetch(workerId: "w", blockSeconds: 1) else { return }
    #expect(again.message.taskId == ids[0])
    #expect(again.attempt == 1)
    #expect(try queue.counts().dead == 1)
  }
}

import Backend
import Foundation
import Shared
import Testing

/// `sera worker` on SIGTERM: finishes what runs, leaves what waits, exits 0.
@Suite(.serialized) struct QueueShutdownTests {
  @Test func sigtermLetsThreeRunningTasksFinishAndLeavesTenQueued() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    let worker = try stack.launch(
      "worker", name: "worker", extra: ["SERA_WORKER_CONCURRENCY": "3"])
    let running = (0..<3).map { _ in
      TaskMessage(taskName: "noop", kwargs: ["sleep_seconds": .double(4)])
    }
    for message in running { try stack.queue.enqueue(message) }
    #expect(waitUntil(seconds: 10) { (try? stack.queue.counts().inFlight) == 3 })
    let waiting = (0..<10).map { _ in TaskMessage(taskName: "noop") }
    for message in waiting { try stack.queue.enqueue(message) }

    let status = worker.process.stop(signal: SIGTERM, seconds: 30)
    #expect(status == 0, "\(worker.process.log().suffix(2000))")
    for message in running {
      let result = try stack.queue.result(taskId: message.taskId)
      #expect(result?.isErr == false, "running task \(message.taskId) did not finish")
    }
    let counts = try stack.queue.counts()
    #expect(counts == QueueCounts(depth: 10, inFlight: 0, delayed: 0, dead: 0))
    let queued = try stack.queue.redis.checked(["LRANGE", "seratonin_tasks", "0", "-1"])
      .elements.compactMap(\.text)
      .map { try SeraJSON.decode(TaskMessage.self, from: Array($0.utf8)).taskId }
    #expect(Set(queued) == Set(waiting.map(\.taskId)))
    let processing = try stack.redisCLI(["KEYS", "seratonin_tasks:processing:*"])
    #expect(processing.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
  }
}

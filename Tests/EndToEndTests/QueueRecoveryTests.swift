import Backend
import Foundation
import Redis
import Shared
import Testing

/// The queue heals from Redis losing everything (FLUSHALL) or going away for a while.
@Suite(.serialized) struct QueueRecoveryTests {
  @Test func draftsPendingWhenRedisIsEmptiedAreQueuedAgainAndGenerated() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.indexKnowledgeBase()
    let period = Double(LiveStack.shortQueueTiming["SERA_SCHEDULER_PERIOD_SECONDS"] ?? "2") ?? 2
    let scheduler = try stack.launch("scheduler", name: "scheduler")
    let ids = try stack.insertDrafts(count: 20, status: .pending)
    let tasks = try stack.queueGeneration(ids)

    // Older than the re-drive age, the waiting tasks must still not be queued a second time.
    Thread.sleep(forTimeInterval: 3 * period)
    #expect(try stack.queue.counts().depth == 20)

    _ = try stack.redisCLI(["FLUSHALL"])
    let flushed = Date()
    let requeued = waitUntil(seconds: 2 * period + 1) { (try? stack.queue.counts().depth) == 20 }
    #expect(requeued, "queue holds \((try? stack.queue.counts().depth) ?? -1) after FLUSHALL")
    #expect(Date().timeIntervalSince(flushed) <= 2 * period + 1)
    Thread.sleep(forTimeInterval: period)
    let queued = try stack.queue.redis.checked(["LRANGE", "seratonin_tasks", "0", "-1"])
      .elements.compactMap(\.text)
      .map { try SeraJSON.decode(TaskMessage.self, from: Array($0.utf8)) }
    #expect(Set(queued.map(\.taskId)) == Set(tasks.values), "re-driven under other ids")
    #expect(queued.count == 20, "a second copy was queued")
    #expect(queued.allSatisfy { $0.labels["timeout"] == "60" })

    let worker = try stack.launch("worker", name: "worker")
    let generated = waitUntil(seconds: 90) {
      (try? stack.statuses(ids).values.allSatisfy { $0 == "generated" }) == true
    }
    let left = try stack.statuses(ids)
    #expect(generated, "\(left) \(worker.process.log().suffix(2000))")
    let successes = try stack.postgres.query(
      "SELECT count(*) AS n FROM task_runs WHERE outcome = 'succeeded'")[0].int("n")
    #expect(successes == 20)
    _ = scheduler
  }

  @Test func workersSurviveRedisGoingAwayForTenSecondsAndLoseNoTask() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    let redis = try stack.restartRedisWithAppendOnlyFile()
    let workers = try (1...2).map { try stack.launch("worker", name: "worker-\($0)") }
    let scheduler = try stack.launch("scheduler", name: "scheduler")

    let messages = (0..<200).map { index in
      TaskMessage(
        taskName: "noop", kwargs: ["n": .int(Int64(index)), "sleep_seconds": .double(0.05)])
    }
    let producer = Thread {
      for message in messages {
        while (try? stack.queue.enqueue(message)) == nil { Thread.sleep(forTimeInterval: 0.2) }
        Thread.sleep(forTimeInterval: 0.03)
      }
    }
    producer.start()
    Thread.sleep(forTimeInterval: 2)
    try redis.stop()
    Thread.sleep(forTimeInterval: 10)
    try redis.start()

    let ids = Set(messages.map(\.taskId))
    var settled: Set<String> = []
    let allSettled = waitUntil(seconds: 90) {
      settled = (try? stack.settledTasks(ids)) ?? settled
      return settled.count == ids.count
    }
    #expect(allSettled, "unsettled: \(ids.subtracting(settled).count)")
    let doubles = try stack.postgres.query(
      """
      SELECT task_id FROM task_runs WHERE outcome = 'succeeded'
      GROUP BY task_id HAVING count(*) > 1
      """)
    #expect(doubles.isEmpty, "\(doubles.count) tasks ran to completion twice")
    for worker in workers {
      #expect(worker.process.isRunning, "worker exited: \(worker.process.log().suffix(2000))")
    }
    #expect(scheduler.process.isRunning)
  }
}

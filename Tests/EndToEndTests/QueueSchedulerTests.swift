import Backend
import Foundation
import Shared
import Testing

/// Several `sera scheduler` processes share the work without doing any of it twice.
@Suite(.serialized) struct QueueSchedulerTests {
  @Test func twoSchedulersPublishFiftyDueDraftsOnceEach() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    let ids = try stack.insertDrafts(
      count: 50, status: .scheduled, content: "Sleep before a night shift helps.",
      scheduledAt: "2020-01-01T00:00:00Z")
    let schedulers = try (1...2).map { try stack.launch("scheduler", name: "scheduler-\($0)") }
    let worker = try stack.launch("worker", name: "worker")

    let published = waitUntil(seconds: 60) {
      (try? stack.statuses(ids).values.allSatisfy { $0 == "published" }) == true
    }
    let left = try stack.statuses(ids)
    #expect(published, "\(left) \(worker.process.log().suffix(2000))")
    let posts = try stack.postgres.query(
      "SELECT draft_id, count(*) AS n FROM published_posts GROUP BY draft_id")
    #expect(posts.count == 50)
    #expect(try posts.allSatisfy { try $0.int("n") == 1 })
    let files = try FileManager.default.subpathsOfDirectory(atPath: stack.outboxDirectory)
      .filter { $0.hasSuffix(".txt") }
    #expect(files.count == 50, "outbox holds \(files.count) posts")
    let enqueued = schedulers.map { scheduler in
      scheduler.process.log().components(separatedBy: "scheduled_publish_enqueued").count - 1
    }
    #expect(enqueued.reduce(0, +) == 50, "publish tasks queued per scheduler: \(enqueued)")
  }
}

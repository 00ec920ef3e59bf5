import Dispatch
import Foundation
import HTTPServer
import Shared
import Synchronization
import Testing

@testable import Backend

@Suite("Slack /draft command", .serialized)
struct SlackCommandTests {
  @Test("/draft sleep hygiene saves the draft, queues it and answers an ephemeral line at once")
  func draftIsSavedAndQueued() throws {
    let harness = try SlackTestHarness()
    let response = harness.command("sleep hygiene")
    #expect(response.status == 200)
    #expect(response.slackJSON?["response_type"] == "ephemeral")
    #expect(response.slackJSON?["text"]?.stringValue?.contains("sleep hygiene") == true)
    let drafts = try harness.drafts()
    #expect(drafts.count == 1)
    #expect(drafts.first?.topic == "sleep hygiene")
    #expect(drafts.first?.platform == .telegram)
    #expect(drafts.first?.status == .pending)
    let queued = try harness.queued()
    #expect(queued.map(\.taskName) == ["generate_draft"])
    #expect(queued.first?.kwargs["draft_id"] == .string(String(drafts.first?.id ?? 0)))
    let card = try SlackStore(pool: harness.postgres).card(draftId: drafts.first?.id ?? 0)
    #expect(card?.channelId == "C100")
    #expect(harness.fake.calls().isEmpty, "the acknowledgement must not wait on Slack")
  }

  @Test("a trailing platform name picks the platform; the same Slack user is one physician")
  func platformAndUser() throws {
    let harness = try SlackTestHarness()
    #expect(harness.command("statins and muscle pain threads").status == 200)
    #expect(harness.command("vitamin D x").status == 200)
    let drafts = try harness.drafts().sorted { $0.id < $1.id }
    #expect(drafts.map(\.platform) == [.threads, .twitter])
    #expect(drafts.map(\.topic) == ["statins and muscle pain", "vitamin D"])
    #expect(Set(drafts.map(\.userId)).count == 1)
  }

  @Test("an unknown command gets a helpful ephemeral reply and changes nothing")
  func unknownCommandHelps() throws {
    let harness = try SlackTestHarness()
    let response = harness.command("anything", command: "/weather")
    #expect(response.status == 200)
    #expect(response.slackJSON?["text"]?.stringValue?.contains("/draft <topic>") == true)
    #expect(try harness.drafts().isEmpty)
  }

  @Test("/draft with no topic opens the new-draft form through views.open")
  func emptyDraftOpensForm() throws {
    let harness = try SlackTestHarness()
    let response = harness.command("   ")
    #expect(response.status == 200)
    #expect(harness.fake.wait(for: "views.open"))
    let view = harness.fake.calls("views.open").first?.body["view"]
    #expect(view?["callback_id"] == "modal_new_draft")
    #expect(try harness.drafts().isEmpty)
  }

  @Test("200 concurrent /draft from 20 users: exactly 10 per user accepted, the rest 429")
  func rateLimitUnderConcurrency() throws {
    let harness = try SlackTestHarness()
    // Users 0-9 send 15 each, users 10-19 send 5 each: 200 requests.
    let plan = (0..<20).flatMap { user in
      Array(repeating: "U\(user)", count: user < 10 ? 15 : 5)
    }
    let outcomes = Mutex<[String: [Int]]>([:])
    let retryAfter = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: plan.count) { index in
      let user = plan[index]
      let response = harness.command("hydration \(index)", user: user)
      outcomes.withLock { $0[user, default: []].append(response.status) }
      if response.status == 429 {
        retryAfter.withLock { $0.append(response.header("Retry-After") ?? "") }
      }
    }
    let byUser = outcomes.withLock { $0 }
    for (user, statuses) in byUser {
      let sent = Int(user.dropFirst())! < 10 ? 15 : 5
      #expect(statuses.count == sent)
      #expect(statuses.filter { $0 == 200 }.count == min(sent, 10), "user \(user)")
      #expect(statuses.filter { $0 == 429 }.count == max(0, sent - 10), "user \(user)")
    }
    #expect(try harness.drafts().count == 150)
    let waits = retryAfter.withLock { $0 }
    #expect(waits.count == 50)
    #expect(waits.allSatisfy { (Int($0) ?? 0) >= 1 && (Int($0) ?? 0) <= 60 })
  }
}

import Postgres
import Shared
import Testing

@testable import Backend

@Suite("Slack /draft intake", .serialized)
struct SlackDraftIntakeTests {
  @Test("a batch saves its drafts in order; a delivery seen before or twice is saved once")
  func batchSavesEachDeliveryOnce() throws {
    let harness = try SlackTestHarness()
    let store = SlackStore(pool: harness.postgres)
    #expect(try store.claimDelivery("command:seen-before"))
    let requests = [
      request("asthma", user: "U1", delivery: "command:a"),
      request("gout", user: "U2", delivery: "command:b", channel: "C2"),
      request("asthma again", user: "U1", delivery: "command:a"),
      request("retried", user: "U3", delivery: "command:seen-before"),
    ]
    let drafts = try store.createDrafts(requests)
    #expect(drafts.map { $0?.topic } == ["asthma", "gout", nil, nil])
    #expect(try harness.drafts().count == 2)
    let first = try #require(drafts[0])
    let second = try #require(drafts[1])
    #expect(first.status == .pending)
    #expect(first.userId == (try store.user(slackId: "U1", teamId: harness.team)))
    #expect(try store.card(draftId: second.id)?.channelId == "C2")
    let events = try DraftStore(pool: harness.postgres).events(draftId: first.id)
    #expect(events.map(\.action) == ["created"])
    #expect(events.first?.actor == "slack:U1")
    #expect(events.first?.detail == "queued as task \(requests[0].taskId)")
  }

  @Test("a request the database refuses fails alone; the rest of its batch is saved and queued")
  func refusedRequestFailsAlone() throws {
    let harness = try SlackTestHarness()
    // Longer than drafts.topic's varchar(255): only a caller that skipped validation sends it.
    let tooLong = String(repeating: "x", count: 300)
    let batch = [
      intakeRequest("asthma", user: "U1"), intakeRequest(tooLong, user: "U2"),
      intakeRequest("gout", user: "U3"),
    ]
    let outcomes = self.batch(harness, limit: 10).write(batch)
    #expect(outcomes.count == 3)
    guard case .saved(let asthma?) = outcomes[0], case .failed(let error) = outcomes[1],
      case .saved(let gout?) = outcomes[2]
    else {
      Issue.record("expected saved, failed, saved: \(outcomes)")
      return
    }
    #expect(error.status == 503)
    #expect(try harness.drafts().map(\.topic).sorted() == ["asthma", "gout"])
    let queued = try harness.queued()
    #expect(queued.map(\.taskId) == [batch[0].message.taskId, batch[2].message.taskId])
    #expect(
      queued.map { $0.kwargs["draft_id"] } == [.string("\(asthma.id)"), .string("\(gout.id)")])
  }

  @Test("one user's requests in one batch are counted one by one, as if they came apart")
  func limitCountsWithinABatch() throws {
    let harness = try SlackTestHarness()
    let batch =
      (0..<6).map { intakeRequest("hydration \($0)", user: "U9") }
      + [intakeRequest("someone else", user: "U8")]
    let outcomes = self.batch(harness, limit: 4).write(batch)
    let saved = outcomes.map { outcome -> Bool in
      if case .saved = outcome { return true }
      return false
    }
    #expect(saved == [true, true, true, true, false, false, true])
    for outcome in outcomes[4...5] {
      guard case .refused(let seconds) = outcome else {
        Issue.record("expected refused, got \(outcome)")
        continue
      }
      #expect((1...60).contains(seconds))
    }
    #expect(try harness.drafts().count == 5)
    #expect(try harness.queued().count == 5)
  }

  @Test("a second copy of a request in the same batch gets the first copy's outcome")
  func copyInABatchSharesTheOutcome() throws {
    let harness = try SlackTestHarness()
    let first = intakeRequest("asthma", user: "U7")
    let refused = intakeRequest("gout", user: "U7")
    let outcomes = self.batch(harness, limit: 1).write([first, refused, refused])
    guard case .saved(_?) = outcomes[0], case .refused = outcomes[1], case .refused = outcomes[2]
    else {
      Issue.record("expected saved, refused, refused: \(outcomes)")
      return
    }
    #expect(try harness.drafts().map(\.topic) == ["asthma"])
  }

  @Test("a request that is counted but not saved gives its place in the window back")
  func failedSaveIsRefunded() throws {
    let harness = try SlackTestHarness()
    let writer = self.batch(harness, limit: 2)
    let tooLong = String(repeating: "x", count: 300)
    let outcomes = writer.write([
      intakeRequest(tooLong, user: "U5"), intakeRequest("a", user: "U5"),
    ])
    guard case .failed = outcomes[0], case .saved(_?) = outcomes[1] else {
      Issue.record("expected failed, saved: \(outcomes)")
      return
    }
    guard case .saved(_?) = writer.write([intakeRequest("b", user: "U5")])[0] else {
      Issue.record("the failed request still took a place in the window")
      return
    }
    guard case .refused = writer.write([intakeRequest("c", user: "U5")])[0] else {
      Issue.record("the limit of 2 let a third through")
      return
    }
  }

  private func batch(_ harness: SlackTestHarness, limit: Int) -> SlackDraftBatch {
    let logger = Logger(level: .error, fileDescriptor: 2)
    return SlackDraftBatch(
      slack: SlackStore(pool: harness.postgres),
      limiter: SlackRateLimiter(
        redis: harness.redis, limit: limit, keyPrefix: "test:draft_rate:" + harness.team),
      queue: TaskQueue(redis: harness.redis, name: harness.configuration.queueName),
      store: StoreCall(logger: logger), logger: logger)
  }

  private func intakeRequest(_ topic: String, user: String) -> SlackDraftIntake.Request {
    let draft = request(topic, user: user, delivery: "command:" + TaskQueue.newToken())
    return SlackDraftIntake.Request(
      draft: draft,
      message: TaskMessage(taskId: draft.taskId, taskName: TaskName.generateDraft),
      limitKey: user)
  }

  private func request(
    _ topic: String, user: String, delivery: String, channel: String = "C100"
  ) -> SlackDraftRequest {
    SlackDraftRequest(
      request: CreateDraftRequest(topic: topic, platform: .telegram), slackId: user,
      teamId: "T1", channelId: channel, deliveryId: delivery, taskId: TaskQueue.newToken())
  }
}

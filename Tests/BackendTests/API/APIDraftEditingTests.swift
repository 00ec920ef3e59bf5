import Backend
import FoundationEssentials
import HTTPServer
import Shared
import Testing

@Suite("API draft editing and queue routes", .serialized)
struct APIDraftEditingTests {
  /// A draft of the harness's physician moved straight to `status` with some text.
  static func draft(_ harness: APITestHarness, status: DraftStatus) throws -> Draft {
    let store = DraftStore(pool: harness.postgres)
    let userId = try UserStore(pool: harness.postgres).ensure(username: "dr_ada")
    let created = try store.create(
      userId: userId, topic: "Sleep", platform: .telegram, sourceURL: nil)
    return try store.transition(
      id: created.id, from: [.pending], to: status, expectedVersion: nil, actor: "test",
      actorUserId: nil, detail: nil, changes: DraftChanges(content: "Old text"))
  }

  @Test("an edit is validated again, bumps the version and returns the draft to generated")
  func editRevalidates() throws {
    let harness = try APITestHarness()
    let draft = try Self.draft(harness, status: .approved)
    let long = String(repeating: "x", count: 5000)
    let response = harness.send(
      "POST", "/api/v1/drafts/\(draft.id)/edit", token: harness.physician,
      json: #"{"version":\#(draft.version),"content":"\#(long)"}"#)
    #expect(response.status == 200)
    let edited = try SeraJSON.decode(Draft.self, from: response.body)
    #expect(edited.status == .generated)
    #expect(edited.version == draft.version + 1)
    #expect(edited.content == long)
    #expect(edited.problems.contains { $0.contains("Too long") })
    let stale = harness.send(
      "POST", "/api/v1/drafts/\(draft.id)/edit", token: harness.physician,
      json: #"{"version":\#(draft.version),"content":"again"}"#)
    #expect(stale.status == 409)
    let empty = harness.send(
      "POST", "/api/v1/drafts/\(draft.id)/edit", token: harness.physician,
      json: #"{"version":\#(edited.version),"content":"   "}"#)
    #expect(empty.status == 422)
  }

  @Test("regenerating with a note queues generate_draft and keeps the note in the history")
  func regenerateQueues() throws {
    let harness = try APITestHarness()
    let draft = try Self.draft(harness, status: .generated)
    let response = harness.send(
      "POST", "/api/v1/drafts/\(draft.id)/regenerate", token: harness.physician,
      json: #"{"version":\#(draft.version),"reason":"shorter, please"}"#)
    #expect(response.status == 202)
    let queued = try SeraJSON.decode(QueuedDraft.self, from: response.body)
    #expect(queued.draft.status == .pending)
    let message = try harness.queuedMessages().first
    #expect(message?.taskName == "generate_draft")
    #expect(message?.kwargs["note"] == .string("shorter, please"))
    let events = try DraftStore(pool: harness.postgres).events(draftId: draft.id)
    #expect(events.contains { $0.detail == "shorter, please" })
  }

  @Test("a failed draft is re-enqueued; other states are refused")
  func retryOnlyFailed() throws {
    let harness = try APITestHarness()
    let failed = try Self.draft(harness, status: .failed)
    let ok = harness.send(
      "POST", "/api/v1/drafts/\(failed.id)/retry", token: harness.physician,
      json: #"{"version":\#(failed.version)}"#)
    #expect(ok.status == 202)
    let generated = try Self.draft(harness, status: .generated)
    let refused = harness.send(
      "POST", "/api/v1/drafts/\(generated.id)/retry", token: harness.physician,
      json: #"{"version":\#(generated.version)}"#)
    #expect(refused.status == 409)
    #expect(try harness.queuedMessages().count == 1)
  }

  @Test("scheduling needs a future time at most a year ahead, and stores the platforms")
  func scheduleRefusesThePast() throws {
    let harness = try APITestHarness()
    let draft = try Self.draft(harness, status: .approved)
    func schedule(_ at: Date) -> HTTPResponse {
      let body = DraftScheduleRequest(
        version: draft.version, scheduledAt: at, platforms: [.telegram, .threads])
      let json = String(decoding: try! SeraJSON.encode(body), as: UTF8.self)
      return harness.send(
        "POST", "/api/v1/drafts/\(draft.id)/schedule", token: harness.physician, json: json)
    }
    #expect(schedule(Date().addingTimeInterval(-60)).status == 422)
    #expect(schedule(Date().addingTimeInterval(400 * 86_400)).status == 422, "over a year ahead")
    let response = schedule(Date().addingTimeInterval(3600))
    #expect(response.status == 200)
    let scheduled = try SeraJSON.decode(Draft.self, from: response.body)
    #expect(scheduled.status == .scheduled)
    #expect(scheduled.scheduledAt != nil)
  }

  @Test("on-call tokens may read the queue but not requeue or edit")
  func onCallIsRefused() throws {
    let harness = try APITestHarness()
    let draft = try Self.draft(harness, status: .generated)
    #expect(harness.send("GET", "/api/v1/queue", token: harness.oncall).status == 200)
    #expect(harness.send("POST", "/api/v1/queue/dead/requeue", token: harness.oncall).status == 403)
    #expect(
      harness.send("POST", "/api/v1/queue/dead/requeue", token: harness.physician).status == 403)
    let edit = harness.send(
      "POST", "/api/v1/drafts/\(draft.id)/edit", token: harness.oncall,
      json: #"{"version":\#(draft.version),"content":"x"}"#)
    #expect(edit.status == 403)
  }

  @Test("the operator requeues dead tasks and the overview lists them first")
  func requeueDead() throws {
    let harness = try APITestHarness()
    let empty = harness.send("GET", "/api/v1/queue", token: harness.operatorToken)
    let overview = try SeraJSON.decode(QueueOverview.self, from: empty.body)
    #expect(overview.dead.isEmpty)
    let moved = harness.send("POST", "/api/v1/queue/dead/requeue", token: harness.operatorToken)
    #expect(moved.status == 200)
    #expect(try SeraJSON.decode(RequeueResult.self, from: moved.body).requeued == 0)
  }
}

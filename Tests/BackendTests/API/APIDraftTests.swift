import Backend
import HTTPServer
import Shared
import Testing

@Suite("API drafts", .serialized)
struct APIDraftTests {
  @Test("creating a draft answers 201 and queues generate_draft with its id")
  func createQueuesGeneration() throws {
    let harness = try APITestHarness()
    let response = harness.send(
      "POST", "/api/v1/drafts", token: harness.physician,
      json: #"{"topic":"  Statins and muscle pain  ","platform":"twitter","#
        + #""source_url":"https://example.org/a"}"#)
    #expect(response.status == 201)
    let queued = try SeraJSON.decode(QueuedDraft.self, from: response.body)
    #expect(queued.draft.topic == "Statins and muscle pain")
    #expect(queued.draft.status == .pending)
    let messages = try harness.queuedMessages()
    #expect(messages.count == 1)
    #expect(messages.first?.taskName == "generate_draft")
    #expect(messages.first?.taskId == queued.taskId)
    #expect(messages.first?.kwargs["draft_id"] == .string(String(queued.draft.id)))
    #expect(messages.first?.labels["timeout"] == "60")
    let stored = try DraftStore(pool: harness.postgres).taskId(draftId: queued.draft.id)
    #expect(stored == queued.taskId)
  }

  @Test("body errors name the field at fault")
  func validationNamesField() throws {
    let harness = try APITestHarness()
    func create(_ json: String) -> HTTPResponse {
      harness.send("POST", "/api/v1/drafts", token: harness.physician, json: json)
    }
    let missing = create(#"{"platform":"telegram"}"#)
    #expect(missing.status == 400)
    #expect(missing.apiError?.detail.contains("'topic'") == true)
    let blank = create(#"{"topic":"   ","platform":"telegram"}"#)
    #expect(blank.status == 422)
    #expect(blank.apiError?.detail.contains("'topic'") == true)
    let long = create(#"{"topic":"\#(String(repeating: "a", count: 256))","platform":"telegram"}"#)
    #expect(long.status == 422)
    let platform = create(#"{"topic":"x","platform":"myspace"}"#)
    #expect(platform.status == 422)
    #expect(platform.apiError?.detail.contains("'platform'") == true)
    let url = create(#"{"topic":"x","platform":"threads","source_url":"ftp://example.org"}"#)
    #expect(url.status == 422)
    #expect(url.apiError?.detail.contains("'source_url'") == true)
    let wrongType = create(#"{"topic":7,"platform":"threads"}"#)
    #expect(wrongType.status == 400)
    #expect(wrongType.apiError?.detail.contains("'topic'") == true)
    #expect(create("not json").status == 400)
    // NUL once cut the stored topic short at the C string boundary; no control character in a
    // one-line topic is accepted.
    for control in [#"\u0000"#, #"\u001b[31m"#, #"\n"#, #"\u0007"#] {
      let refused = create(#"{"topic":"a\#(control)b","platform":"telegram"}"#)
      #expect(refused.status == 422, "\(control)")
      #expect(refused.apiError?.detail.contains("control characters") == true)
    }
    #expect(try harness.queuedMessages().isEmpty)
  }

  @Test("a topic of exactly 255 characters is accepted")
  func topicAtLimit() throws {
    let harness = try APITestHarness()
    let response = harness.send(
      "POST", "/api/v1/drafts", token: harness.physician,
      json: #"{"topic":"\#(String(repeating: "é", count: 255))","platform":"telegram"}"#)
    #expect(response.status == 201)
  }

  @Test("approving with a stale version gets 409 and the current draft; the right one approves")
  func approveVersionConflict() throws {
    let harness = try APITestHarness()
    let draft = try harness.generatedDraft()
    let stale = harness.send(
      "POST", "/api/v1/drafts/\(draft.id)/approve", token: harness.physician,
      json: #"{"version":\#(draft.version - 1)}"#)
    #expect(stale.status == 409)
    struct Conflict: Decodable {
      var error: String
      var draft: Draft
    }
    let conflict = try SeraJSON.decode(Conflict.self, from: stale.body)
    #expect(conflict.draft.version == draft.version)
    let approved = harness.send(
      "POST", "/api/v1/drafts/\(draft.id)/approve", token: harness.physician,
      json: #"{"version":\#(draft.version)}"#)
    #expect(approved.status == 200)
    #expect(try SeraJSON.decode(Draft.self, from: approved.body).status == .approved)
  }

  @Test("rejecting keeps the reason; publishing queues publish_post with draft and version")
  func rejectAndPublish() throws {
    let harness = try APITestHarness()
    let first = try harness.generatedDraft()
    let rejected = harness.send(
      "POST", "/api/v1/drafts/\(first.id)/reject", token: harness.physician,
      json: #"{"version":\#(first.version),"reason":"too vague"}"#)
    #expect(rejected.status == 200)
    #expect(try SeraJSON.decode(Draft.self, from: rejected.body).status == .rejected)
    #expect(try FeedbackStore(pool: harness.postgres).comments(draftId: first.id) == ["too vague"])

    let second = try harness.generatedDraft()
    let approved = try SeraJSON.decode(
      Draft.self,
      from: harness.send(
        "POST", "/api/v1/drafts/\(second.id)/approve", token: harness.physician,
        json: #"{"version":\#(second.version)}"#
      ).body)
    let published = harness.send(
      "POST", "/api/v1/drafts/\(second.id)/publish", token: harness.physician,
      json: #"{"version":\#(approved.version),"platforms":["telegram","threads"]}"#)
    #expect(published.status == 202)
    let queued = try SeraJSON.decode(QueuedDraft.self, from: published.body)
    #expect(queued.draft.status == .publishing)
    let message = try harness.queuedMessages().last
    #expect(message?.taskName == "publish_post")
    #expect(message?.kwargs["draft_id"] == .string(String(second.id)))
    #expect(message?.kwargs["version"]?.intValue == Int64(queued.draft.version))
  }

  @Test("a missing draft is 404 and a non-numeric id 400")
  func missingDraft() throws {
    let harness = try APITestHarness()
    #expect(harness.send("GET", "/api/v1/drafts/999999", token: harness.physician).status == 404)
    #expect(harness.send("GET", "/api/v1/drafts/abc", token: harness.physician).status == 400)
  }

  @Test("listing filters by status and rejects an unknown one")
  func listing() throws {
    let harness = try APITestHarness()
    let draft = try harness.generatedDraft()
    let listed = harness.send(
      "GET", "/api/v1/drafts", token: harness.oncall, query: ["status": "generated"])
    #expect(try SeraJSON.decode(DraftList.self, from: listed.body).drafts.map(\.id) == [draft.id])
    let bad = harness.send(
      "GET", "/api/v1/drafts", token: harness.oncall, query: ["status": "bogus"])
    #expect(bad.status == 422)
    #expect(bad.apiError?.detail.contains("'status'") == true)
  }
}

import Dispatch
import FoundationEssentials
import Shared
import Testing

@testable import Backend

/// What an outside tester found at the Slack endpoints, each kept fixed by a test.
@Suite("Slack requests that must be refused or counted right", .serialized)
struct SlackRequestCheckTests {
  @Test("a schedule form with a time ages away is a field error, not a crash")
  func farScheduleIsRefused() throws {
    let harness = try SlackTestHarness()
    let draft = try SlackInteractionTests.generatedDraft(harness)
    let metadata = SlackViewMetadata(draftId: draft.id, version: draft.version, channelId: "C100")
    for moment in [
      99_999_999_999_999, 9_000_000_000_000, Int(Date().timeIntervalSince1970) + 400 * 86_400,
    ] {
      let response = try harness.interaction(
        harness.submission(
          "modal_schedule_draft", viewId: "V-far-\(moment)", metadata: metadata.encoded,
          values: ["input_publish_at": .object(["selected_date_time": .int(Int64(moment))])]))
      #expect(response.slackJSON?["response_action"] == "errors")
      #expect(
        response.slackJSON?["errors"]?["input_publish_at"]?.stringValue?.contains("a year") == true)
    }
    #expect(try DraftStore(pool: harness.postgres).get(id: draft.id)?.status == .generated)
  }

  @Test("a topic of 255 visible characters but more code points is refused as too long")
  func topicLengthCountsCodePoints() throws {
    let harness = try SlackTestHarness()
    let accented = String(repeating: "e\u{301}", count: 128)  // 128 characters, 256 code points
    #expect(accented.count == 128)
    let response = harness.command(accented)
    #expect(response.status == 200)
    #expect(response.slackJSON?["text"]?.stringValue?.contains("255") == true)
    #expect(try harness.drafts().isEmpty)
  }

  @Test("copies of one command count once against the limit, and the user's next is accepted")
  func redeliveriesDoNotUseTheLimit() throws {
    let harness = try SlackTestHarness()
    let fields: [(String, String?)] = [
      ("team_id", harness.team), ("channel_id", "C100"), ("user_id", "UDUP"),
      ("command", "/draft"), ("text", "hydration"), ("trigger_id", "trig.same"),
    ]
    DispatchQueue.concurrentPerform(iterations: 10) { _ in
      #expect(harness.command(fields: fields).status == 200)
    }
    for index in 0..<9 {
      #expect(harness.command("topic \(index)", user: "UDUP").status == 200, "command \(index)")
    }
    #expect(harness.command("one too many", user: "UDUP").status == 429)
    #expect(try harness.drafts().count == 10)
    #expect(try harness.queued().count == 10)
  }

  @Test("an empty trigger id is no delivery id: two users' commands make two drafts")
  func emptyTriggerIsNotShared() throws {
    let harness = try SlackTestHarness()
    for user in ["U1", "U2"] {
      let response = harness.command(fields: [
        ("team_id", harness.team), ("channel_id", "C100"), ("user_id", user),
        ("command", "/draft"), ("text", "asthma"), ("trigger_id", ""),
      ])
      #expect(response.status == 200)
    }
    #expect(try harness.drafts().count == 2)
  }

  @Test("a command without a command name, or with ids that are not Slack's, is refused")
  func malformedCommandsAreRefused() throws {
    let harness = try SlackTestHarness()
    let cases: [[(String, String?)]] = [
      [("team_id", harness.team), ("user_id", "U1"), ("text", "asthma")],
      [("team_id", ""), ("user_id", "U1"), ("command", "/draft"), ("text", "asthma")],
      [("team_id", harness.team), ("user_id", "u1"), ("command", "/draft"), ("text", "asthma")],
      [
        ("team_id", harness.team), ("user_id", String(repeating: "U", count: 300)),
        ("command", "/draft"), ("text", "asthma"),
      ],
    ]
    for fields in cases {
      #expect(harness.command(fields: fields).status == 400, "\(fields)")
    }
    #expect(try harness.drafts().isEmpty)
  }

  @Test(
    "a new-draft form that is refused does not count against the limit; an odd platform is refused")
  func refusedFormsDoNotCount() throws {
    let harness = try SlackTestHarness()
    let bad = harness.submission(
      "modal_new_draft", viewId: "V-bad", user: "UFORM",
      values: ["input_topic": .object(["value": "bad\u{7}bell"])])
    for _ in 0..<12 {
      #expect(try harness.interaction(bad).slackJSON?["response_action"] == "errors")
    }
    let odd = harness.submission(
      "modal_new_draft", viewId: "V-odd", user: "UFORM",
      values: [
        "input_topic": .object(["value": "asthma"]),
        "input_platform": .object(["selected_option": .object(["value": "myspace"])]),
      ])
    let refused = try harness.interaction(odd)
    #expect(refused.slackJSON?["errors"]?["input_platform"] != nil)
    let good = harness.submission(
      "modal_new_draft", viewId: "V-good", user: "UFORM",
      values: ["input_topic": .object(["value": "asthma"])])
    #expect(try harness.interaction(good).slackJSON?["response_action"] == "clear")
    #expect(try harness.interaction(good).slackJSON?["response_action"] == "clear")
    #expect(try harness.drafts().map(\.topic) == ["asthma"])
  }

  @Test("the command text's entities are read back as what the physician typed")
  func commandEntitiesAreUnescaped() throws {
    let harness = try SlackTestHarness()
    #expect(harness.command("statins &amp; muscles &lt;5 years&gt; &amp;lt;").status == 200)
    #expect(try harness.drafts().map(\.topic) == ["statins & muscles <5 years> &lt;"])
  }

  @Test("a second signature header beside the right one is refused")
  func repeatedSignatureIsRefused() throws {
    let harness = try SlackTestHarness()
    let body = Array(
      FormBody.encode([
        ("team_id", harness.team), ("user_id", "U1"), ("command", "/draft"), ("text", "asthma"),
      ]).utf8)
    var request = harness.signed("/slack/commands", body: body)
    let good = request.headers["x-slack-signature"] ?? ""
    request.headers["x-slack-signature"] = "v0=" + String(repeating: "0", count: 64) + ", " + good
    #expect(harness.api.handle(request).status == 401)
    #expect(try harness.drafts().isEmpty)
  }
}

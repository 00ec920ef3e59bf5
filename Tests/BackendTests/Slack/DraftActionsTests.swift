import FoundationEssentials
import HTTPServer
import Shared
import Synchronization
import Testing

@testable import Backend

/// A publisher that refuses the platforms it is told to and posts to the rest.
final class ScriptedPublisher: Publisher, Sendable {
  private let refused: Mutex<Set<Platform>>
  private let log = Mutex<[Platform]>([])

  init(refusing platforms: Set<Platform>) {
    refused = Mutex(platforms)
  }

  /// Every platform a post was sent to, in order.
  var calls: [Platform] { log.withLock { $0 } }

  func accept(_ platform: Platform) { refused.withLock { _ = $0.remove(platform) } }

  func publish(_ post: OutgoingPost, journal: any PublishJournal) throws(PublishError)
    -> PublishOutcome
  {
    log.withLock { $0.append(post.platform) }
    if refused.withLock({ $0.contains(post.platform) }) {
      throw PublishError(.permanent, post.platform, "403 Forbidden: not permitted")
    }
    let name = post.platform.rawValue
    return .posted(PublishReceipt(postId: name + "-1", url: "https://example.org/\(name)/1"))
  }
}

@Suite("Slack draft actions: retrying a failed publish, rejecting with a reason", .serialized)
struct DraftActionsTests {
  @Test("Publish on a card that failed on X retries X, and the card showed each platform")
  func publishAfterPartialFailureRetriesTheUnconfirmedPlatform() throws {
    let harness = try SlackTestHarness()
    let draft = try SlackInteractionTests.generatedDraft(harness)
    let drafts = DraftStore(pool: harness.postgres)
    _ = try drafts.transition(
      id: draft.id, from: [.generated], to: .publishing, expectedVersion: draft.version,
      actor: "test", actorUserId: nil, detail: nil,
      changes: DraftChanges(publishPlatforms: [.telegram, .twitter]), bumpVersion: true)
    let publisher = ScriptedPublisher(refusing: [.twitter])
    let logger = Logger(level: .error, fileDescriptor: 2)
    let task = PublishPostTask(pool: harness.postgres, publisher: publisher, logger: logger)
    _ = try task.run(
      TaskMessage(taskName: TaskName.publishPost, kwargs: ["draft_id": .string("\(draft.id)")]),
      context: TaskContext(attempt: 1, logger: logger))
    let failed = try #require(try drafts.get(id: draft.id))
    #expect(failed.status == .publishFailed)

    harness.relay().tick()
    let card = "\(try #require(harness.fake.calls("chat.update").last).body)"
    #expect(card.contains("Telegram: published"))
    #expect(card.contains("X: not published — 403 Forbidden: not permitted"))

    publisher.accept(.twitter)
    let value = SlackActionValue(draftId: failed.id, version: failed.version).encoded
    #expect(try harness.interaction(try harness.click("draft_publish", value: value)).status == 200)
    #expect(try drafts.publishPlatforms(draftId: draft.id) == [.telegram, .twitter])
    let queued = try harness.queued().filter { $0.taskName == TaskName.publishPost }
    #expect(queued.count == 1)
    for message in queued {
      _ = try task.run(message, context: TaskContext(attempt: 1, logger: logger))
    }
    #expect(try drafts.get(id: draft.id)?.status == .published)
    #expect(publisher.calls == [.telegram, .twitter, .twitter], "Telegram is not posted twice")
  }

  @Test("Reject opens a form; its reason is kept on the draft and as feedback")
  func rejectKeepsTheReasonAsFeedback() throws {
    let harness = try SlackTestHarness()
    let draft = try SlackInteractionTests.generatedDraft(harness)
    let value = SlackActionValue(draftId: draft.id, version: draft.version).encoded
    #expect(try harness.interaction(try harness.click("draft_reject", value: value)).status == 200)
    #expect(harness.fake.wait(for: "views.open"))
    let view = try #require(harness.fake.calls("views.open").last?.body["view"])
    #expect(view["callback_id"] == "modal_reject_draft")
    let drafts = DraftStore(pool: harness.postgres)
    #expect(try drafts.get(id: draft.id)?.status == .generated, "nothing changes until submitted")

    let reason = "Too alarming for parents; cite the WHO guideline."
    let submission: JSONValue = .object([
      "type": "view_submission",
      "user": .object(["id": "U100", "team_id": .string(harness.team)]),
      "view": .object([
        "id": "V9", "callback_id": "modal_reject_draft",
        "private_metadata": view["private_metadata"] ?? .null,
        "state": .object([
          "values": .object([
            "input_reason": .object([
              "input_reason": .object(["type": "plain_text_input", "value": .string(reason)])
            ])
          ])
        ]),
      ]),
    ])
    let response = try harness.interaction(submission)
    #expect(response.slackJSON?["response_action"] == "clear")
    let rejected = try #require(try drafts.get(id: draft.id))
    #expect(rejected.status == .rejected)
    #expect(rejected.lastError == reason)
    #expect(try FeedbackStore(pool: harness.postgres).comments(draftId: draft.id) == [reason])
  }

  @Test("without a bot token no form can open, so Reject rejects at once")
  func rejectWithoutBotTokenRejectsAtOnce() throws {
    let harness = try SlackTestHarness(botToken: nil)
    let draft = try SlackInteractionTests.generatedDraft(harness)
    let value = SlackActionValue(draftId: draft.id, version: draft.version).encoded
    #expect(try harness.interaction(try harness.click("draft_reject", value: value)).status == 200)
    #expect(try DraftStore(pool: harness.postgres).get(id: draft.id)?.status == .rejected)
    #expect(harness.fake.calls("views.open").isEmpty)
  }
}

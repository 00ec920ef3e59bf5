import Dispatch
import Foundation
import HTTPServer
import Shared
import Synchronization
import Testing

@testable import Backend

@Suite("Slack card buttons and forms", .serialized)
struct SlackInteractionTests {
  /// A draft asked for in Slack and written, with its card posted by the relay.
  static func generatedDraft(
    _ harness: SlackTestHarness, topic: String = "sleep hygiene", user: String = "U100"
  ) throws -> Draft {
    #expect(harness.command(topic, user: user).status == 200)
    let store = DraftStore(pool: harness.postgres)
    let draft = try #require(try harness.drafts().first { $0.topic == topic })
    let written = try store.transition(
      id: draft.id, from: [.pending], to: .generated, expectedVersion: nil, actor: "worker",
      actorUserId: nil, detail: nil, changes: DraftChanges(content: "Sleep matters. " + topic),
      bumpVersion: true)
    harness.relay().tick()
    return written
  }

  static func publishedUpdates(_ harness: SlackTestHarness) -> Int {
    harness.fake.calls("chat.update").filter { $0.text.contains("Published.") }.count
  }

  @Test("two publish clicks 50 ms apart publish once; the card turns published once")
  func doubleClickPublishesOnce() throws {
    let harness = try SlackTestHarness()
    let draft = try Self.generatedDraft(harness)
    #expect(harness.fake.calls("chat.postMessage").count == 1)
    let value = SlackActionValue(draftId: draft.id, version: draft.version).encoded
    let first = try harness.click("draft_publish", value: value)
    let second = try harness.click("draft_publish", value: value, user: "U200")
    let statuses = Mutex<[Int]>([])
    let clicks = DispatchGroup()
    for (index, click) in [first, second].enumerated() {
      if index == 1 { Thread.sleep(forTimeInterval: 0.05) }
      DispatchQueue.global().async(group: clicks) {
        let status = (try? harness.interaction(click).status) ?? 0
        statuses.withLock { $0.append(status) }
      }
    }
    clicks.wait()
    #expect(statuses.withLock { $0 } == [200, 200])
    let publishes = try harness.queued().filter { $0.taskName == "publish_post" }
    #expect(publishes.count == 1)
    #expect(harness.fake.wait(for: "chat.postEphemeral"))
    let answers = harness.fake.calls("chat.postEphemeral")
    #expect(answers.count == 1)
    #expect(answers.first?.body["text"]?.stringValue?.contains("Already published") == true)
    #expect(answers.first?.body["user"] == "U200")

    // The worker's part: the real publish task over the outbox publisher, once per queued task.
    let folder = try TemporaryFolder()
    let logger = Logger(level: .error, fileDescriptor: 2)
    let task = PublishPostTask(
      pool: harness.postgres, publisher: OutboxPublisher(directory: folder.path), logger: logger)
    for message in publishes {
      _ = try task.run(message, context: TaskContext(attempt: 1, logger: logger))
    }
    #expect(try DraftStore(pool: harness.postgres).get(id: draft.id)?.status == .published)
    let posts = try harness.postgres.query(
      "SELECT platform FROM published_posts WHERE draft_id = $1", [draft.id])
    #expect(posts.count == 1, "one publish")
    let relay = harness.relay()
    relay.tick()
    relay.tick()
    #expect(Self.publishedUpdates(harness) == 1)
    #expect(harness.fake.calls("chat.postMessage").count == 1, "the card is updated, not reposted")
    let last = harness.fake.calls("chat.update").last?.body
    let card = try SlackStore(pool: harness.postgres).card(draftId: draft.id)
    #expect(last?["ts"]?.stringValue == card?.messageTs)
    #expect(!(last.map { "\($0)" } ?? "").contains("draft_publish"), "no Publish button left")
  }

  @Test("a redelivered click is acknowledged and not acted on twice")
  func redeliveredClickIsIgnored() throws {
    let harness = try SlackTestHarness()
    let draft = try Self.generatedDraft(harness)
    let value = SlackActionValue(draftId: draft.id, version: draft.version).encoded
    let click = try harness.click("draft_regenerate", value: value)
    #expect(try harness.interaction(click).status == 200)
    #expect(try harness.interaction(click).status == 200)
    let events = try DraftStore(pool: harness.postgres).events(draftId: draft.id)
    #expect(events.filter { $0.fromStatus == .generated && $0.toStatus == .pending }.count == 1)
    #expect(try harness.queued().filter { $0.taskName == "generate_draft" }.count == 2)
    #expect(harness.fake.calls("chat.postEphemeral").isEmpty)
  }

  @Test("an edit form for a topic holding |12 saves to its own draft, not draft 12")
  func editWithPipeInTopicSavesRightDraft() throws {
    let harness = try SlackTestHarness()
    var target: Draft?
    for index in 1...12 {
      let topic = index == 3 ? "Vitamin D |12 doses" : "topic \(index)"
      let draft = try Self.generatedDraft(harness, topic: topic, user: "U\(index)")
      if index == 3 { target = draft }
    }
    let draft = try #require(target)
    let value = SlackActionValue(draftId: draft.id, version: draft.version).encoded
    #expect(try harness.interaction(try harness.click("draft_edit", value: value)).status == 200)
    #expect(harness.fake.wait(for: "views.open"))
    let view = try #require(harness.fake.calls("views.open").last?.body["view"])
    let metadata = view["private_metadata"]?.stringValue ?? ""
    #expect(SlackViewMetadata.decode(metadata)?.draftId == draft.id)
    let submission: JSONValue = .object([
      "type": "view_submission",
      "user": .object(["id": "U100", "team_id": .string(harness.team)]),
      "view": .object([
        "id": "V1", "callback_id": "modal_edit_draft", "private_metadata": .string(metadata),
        "state": .object([
          "values": .object([
            "input_content": .object([
              "input_content": .object(["type": "plain_text_input", "value": "Edited text."])
            ])
          ])
        ]),
      ]),
    ])
    let response = try harness.interaction(submission)
    #expect(response.slackJSON?["response_action"] == "clear")
    let store = DraftStore(pool: harness.postgres)
    #expect(try store.get(id: draft.id)?.content == "Edited text.")
    let twelve = try #require(try harness.drafts().first { $0.topic == "topic 12" })
    #expect(twelve.content == "Sleep matters. topic 12")
    #expect(try store.get(id: 12)?.content != "Edited text.")
  }

  @Test("an edit of a card that is out of date is refused on the form, not applied")
  func staleEditIsRefused() throws {
    let harness = try SlackTestHarness()
    let draft = try Self.generatedDraft(harness)
    let metadata = SlackViewMetadata(
      draftId: draft.id, version: draft.version - 1, channelId: "C100")
    let submission: JSONValue = .object([
      "type": "view_submission",
      "user": .object(["id": "U100", "team_id": .string(harness.team)]),
      "view": .object([
        "id": "V2", "callback_id": "modal_edit_draft",
        "private_metadata": .string(metadata.encoded),
        "state": .object([
          "values": .object([
            "input_content": .object(["input_content": .object(["value": "Old edit."])])
          ])
        ]),
      ]),
    ])
    let response = try harness.interaction(submission)
    #expect(response.slackJSON?["response_action"] == "errors")
    #expect(try DraftStore(pool: harness.postgres).get(id: draft.id)?.content != "Old edit.")
  }
}

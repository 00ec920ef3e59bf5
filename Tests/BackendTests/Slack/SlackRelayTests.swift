import Foundation
import Shared
import TestSupport
import Testing

@testable import Backend

@Suite("Slack relay: cards and failure messages", .serialized)
struct SlackRelayTests {
  @Test("generation failing after retries posts one failure message, no stack trace, no secret")
  func generationFailurePostsOneMessage() throws {
    let harness = try SlackTestHarness()
    #expect(harness.command("iron deficiency").status == 200)
    let draft = try #require(try harness.drafts().first)
    let task = GenerateDraftTask(
      pool: harness.postgres,
      pipeline: GenerationPipeline(
        styleSampler: NoStyle(), evidenceRetriever: NoEvidence(),
        logger: Logger(level: .error, fileDescriptor: 2)),
      logger: Logger(level: .error, fileDescriptor: 2))
    let message = try #require(try harness.queued().first)
    let reason =
      "Traceback (most recent call last): File \"gen.py\", line 3, in run\n"
      + "HTTPError: 401 for https://api.example/v1?key=\(SlackTestHarness.botToken)"
    task.finalFailure(message, reason: reason)
    #expect(try DraftStore(pool: harness.postgres).get(id: draft.id)?.status == .failed)

    let relay = harness.relay()
    relay.tick()
    relay.tick()
    let posts = harness.fake.calls("chat.postMessage")
    #expect(posts.count == 1, "one failure message and no card for a draft with no text")
    let text = posts.first?.text ?? ""
    #expect(text.contains("could not be written"))
    #expect(text.contains("What to do"))
    #expect(text.contains("iron deficiency"))
    for leak in [
      "Traceback", "gen.py", "HTTPError", SlackTestHarness.botToken, SlackTestHarness.secret,
    ] {
      #expect(!text.contains(leak), "the message holds \(leak)")
    }
    #expect(posts.first?.headers["authorization"] == "Bearer \(SlackTestHarness.botToken)")
  }

  @Test("while Slack is down nothing is marked sent; once it is back the card goes out once")
  func slackDownLosesNothing() throws {
    let harness = try SlackTestHarness()
    let draft = try SlackInteractionTests.generatedDraft(harness)  // posts the card
    let posted = harness.fake.calls("chat.postMessage").count
    #expect(posted == 1)
    _ = try DraftStore(pool: harness.postgres).transition(
      id: draft.id, from: [.generated], to: .rejected, expectedVersion: nil, actor: "test",
      actorUserId: nil, detail: nil, bumpVersion: true)
    harness.fake.queue([.status(500), .status(502)])
    let relay = harness.relay()
    relay.tick()
    relay.tick()
    #expect(harness.fake.calls("chat.update").count == 2, "both tries reached the fake")
    relay.tick()
    let updates = harness.fake.calls("chat.update")
    #expect(updates.count == 3)
    #expect(updates.last?.text.contains("Rejected.") == true)
    relay.tick()
    #expect(harness.fake.calls("chat.update").count == 3, "sent once it succeeded")
  }

  @Test("a 429 is retried after its Retry-After, through the one Web API client")
  func rateLimitedCallIsRetried() throws {
    let fake = try FakeSlackServer()
    defer { fake.stop() }
    fake.queue([.rateLimited(retryAfterSeconds: 1)])
    let api = SlackWebAPI(baseURL: fake.baseURL, token: "xoxb-t")
    let answer = try api.call("chat.postMessage", ["channel": "C1", "text": "hi"])
    #expect(answer["ok"] == .bool(true))
    #expect(fake.calls("chat.postMessage").count == 2)
  }

  @Test("Slack's error answers become typed errors without the token")
  func errorAnswerIsTyped() throws {
    let fake = try FakeSlackServer()
    defer { fake.stop() }
    fake.queue([.error("channel_not_found")])
    let api = SlackWebAPI(baseURL: fake.baseURL, token: "xoxb-secret-token")
    #expect {
      try api.call("chat.postMessage", ["channel": "C1", "text": "hi"])
    } throws: { error in
      "\(error)".contains("channel_not_found") && !"\(error)".contains("xoxb")
    }
  }
}

private struct NoStyle: StyleSampler {
  func styleSamples(for topic: String) throws -> [RetrievedChunk] { [] }
}

private struct NoEvidence: EvidenceRetriever {
  func evidence(for topic: String) throws -> [RetrievedChunk] { [] }
}

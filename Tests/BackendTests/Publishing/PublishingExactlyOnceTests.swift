import Crypto
import Dispatch
import FoundationEssentials
import HTTPServer
import Postgres
import Shared
import Synchronization
import TestSupport
import Testing

@testable import Backend

/// The publish task against the real PostgreSQL and the platform fakes: one post per platform
/// whatever the timeouts, retries and racing workers, and a draft status that tells the truth.
@Suite struct PublishingExactlyOnceTests {
  struct Setup {
    let settings: PostgresSettings
    let pool: PostgresPool
    let log = CapturedLog()

    init() throws {
      settings = try TestDatabase.create()
      pool = PostgresPool(settings: settings, maxConnections: 4)
    }

    func task(_ publishers: [Platform: any Publisher]) -> PublishPostTask {
      PublishPostTask(
        pool: pool, publishers: PlatformPublishers(publishers),
        styleSamples: StyleSampleStore(pool: pool, embedder: HashingTextEmbedder()),
        logger: log.logger)
    }

    func run(_ task: PublishPostTask, _ draftId: Int64) -> Result<JSONValue, any Error> {
      Result {
        try task.run(
          PublishingFixtures.message(draftId), context: TaskContext(attempt: 1, logger: log.logger))
      }
    }

    func status(_ draftId: Int64) throws -> DraftStatus? {
      try DraftStore(pool: pool).get(id: draftId)?.status
    }

    /// No token of any platform in anything logged.
    func expectNoTokens() {
      let text = log.text
      for token in [
        PublishingFixtures.telegramToken, PublishingFixtures.threadsToken,
        PublishingFixtures.xToken,
      ] {
        #expect(!text.contains(token))
      }
    }
  }

  @Test func aTimeoutAfterXAcceptedTheTweetEndsPublishedWithOneTweet() throws {
    let setup = try Setup()
    defer { TestDatabase.drop(setup.settings) }
    let fake = try FakeXServer(script: [.acceptThenStall(seconds: 3), .accept])
    defer { fake.stop() }
    let settings = try PublishingFixtures.settings(x: fake.baseURL, timeout: 1)
    let x = XPublisher(settings: settings, credentials: .bearer(PublishingFixtures.xToken))
    let draft = try PublishingFixtures.publishingDraft(
      setup.pool, content: "Get your flu shot this week.", platforms: [.twitter])
    let task = setup.task([.twitter: x])

    #expect(throws: (any Error).self) { try setup.run(task, draft.id).get() }
    #expect(try setup.status(draft.id) == .publishing)
    _ = try setup.run(task, draft.id).get()
    #expect(try setup.status(draft.id) == .published)
    #expect(fake.tweets.count == 1)
    let rows = try setup.pool.query(
      "SELECT platform_post_id FROM published_posts WHERE draft_id = $1", [draft.id])
    #expect(try rows.map { try $0.string("platform_post_id") } == [fake.tweets[0].id])
    setup.expectNoTokens()
  }

  @Test func threadsContainerNotReadyTwiceThenOnePublishAndTheURLIsStored() throws {
    let setup = try Setup()
    defer { TestDatabase.drop(setup.settings) }
    let fake = try FakeThreadsServer(
      userId: "1234", token: PublishingFixtures.threadsToken, notReadyChecks: 2)
    defer { fake.stop() }
    let settings = try PublishingFixtures.settings(threads: fake.baseURL)
    let threads = ThreadsPublisher(
      settings: settings, userId: "1234", token: settings.threadsToken!)
    let draft = try PublishingFixtures.publishingDraft(
      setup.pool, content: "Walk thirty minutes a day 🚶", platforms: [.threads])

    _ = try setup.run(setup.task([.threads: threads]), draft.id).get()

    #expect(try setup.status(draft.id) == .published)
    #expect(fake.statusChecks == 3 && fake.publishCalls == 1)
    let post = try #require(fake.posts.first)
    let url = "https://www.threads.net/@sera/post/\(post.id)"
    let stored = try setup.pool.query(
      "SELECT post_url, platform_post_id FROM published_posts WHERE draft_id = $1", [draft.id])
    #expect(try stored.map { try $0.string("post_url") } == [url])
    #expect(try stored.map { try $0.string("platform_post_id") } == [post.id])
    #expect(
      try PublishAttemptStore(pool: setup.pool).latest(draftId: draft.id)[.threads]?.postURL == url)
    setup.expectNoTokens()
  }

  @Test func twoWorkersWithTheSamePublishTaskMakeOnePost() throws {
    let setup = try Setup()
    defer { TestDatabase.drop(setup.settings) }
    let fake = try FakeThreadsServer(
      userId: "1234", token: PublishingFixtures.threadsToken, notReadyChecks: 3)
    defer { fake.stop() }
    let settings = try PublishingFixtures.settings(threads: fake.baseURL)
    let threads = ThreadsPublisher(
      settings: settings, userId: "1234", token: settings.threadsToken!)
    let draft = try PublishingFixtures.publishingDraft(
      setup.pool, content: "Wash your hands.", platforms: [.threads])
    let task = setup.task([.threads: threads])

    let results = Mutex<[Bool]>([])
    DispatchQueue.concurrentPerform(iterations: 2) { _ in
      let ok = (try? setup.run(task, draft.id).get()) != nil
      results.withLock { $0.append(ok) }
    }
    // Whoever lost the claim is retried by the queue later; that retry finds it published.
    _ = try setup.run(task, draft.id).get()
    #expect(try setup.status(draft.id) == .published)
    #expect(fake.posts.count == 1)
    #expect(fake.publishCalls == 1)
  }

  @Test func xRefusedTelegramPostedThenRetryPublishesToXOnly() throws {
    let setup = try Setup()
    defer { TestDatabase.drop(setup.settings) }
    let telegramFake = try FakeTelegramServer(token: PublishingFixtures.telegramToken)
    let xFake = try FakeXServer(script: [.forbidden])
    defer {
      telegramFake.stop()
      xFake.stop()
    }
    let settings = try PublishingFixtures.settings(telegram: telegramFake.baseURL, x: xFake.baseURL)
    let publishers: [Platform: any Publisher] = [
      .telegram: TelegramPublisher(
        settings: settings, token: settings.telegramToken!, chatId: "@sera_test",
        logger: setup.log.logger),
      .twitter: XPublisher(settings: settings, credentials: .bearer(PublishingFixtures.xToken)),
    ]
    let content = "Measles vaccination protects children."
    let draft = try PublishingFixtures.publishingDraft(
      setup.pool, content: content, platforms: [.telegram, .twitter])
    let task = setup.task(publishers)

    _ = try setup.run(task, draft.id).get()
    let failed = try #require(try DraftStore(pool: setup.pool).get(id: draft.id))
    #expect(failed.status == .publishFailed)
    #expect(failed.lastError?.contains("X: 403") == true)
    #expect(telegramFake.accepted.count == 1)
    let latest = try PublishAttemptStore(pool: setup.pool).latest(draftId: draft.id)
    #expect(latest[.telegram]?.state == .succeeded)
    #expect(latest[.twitter]?.state == .failed)

    xFake.setScript([.accept])
    _ = try DraftStore(pool: setup.pool).transition(
      id: draft.id, from: [.publishFailed], to: .publishing, expectedVersion: nil, actor: "test",
      actorUserId: nil, detail: nil,
      changes: DraftChanges(publishPlatforms: [.telegram, .twitter]), bumpVersion: true)
    _ = try setup.run(task, draft.id).get()
    #expect(try setup.status(draft.id) == .published)
    #expect(telegramFake.accepted.count == 1)
    #expect(xFake.tweets.map(\.text) == [content])
    setup.expectNoTokens()
  }

  @Test func aPublishedPostIsOneStyleSampleEvenWhenConfirmedTwice() throws {
    let setup = try Setup()
    defer { TestDatabase.drop(setup.settings) }
    let secret = "n8n-callback-secret"
    let content = "Sleep seven hours; your heart will thank you."
    let draft = try PublishingFixtures.publishingDraft(
      setup.pool, content: content, platforms: [.threads])
    let fake = try FakeN8NServer()
    defer { fake.stop() }
    let settings = try PublishingFixtures.settings(
      extra: [
        "SERA_PUBLISHER_THREADS": "n8n", "N8N_WEBHOOK_URL": fake.webhookURL,
        "N8N_CALLBACK_SECRET": secret,
      ])
    let task = setup.task([
      .threads: N8NPublisher(settings: settings, webhookURL: fake.webhookURL, platform: .threads)
    ])
    _ = try setup.run(task, draft.id).get()
    #expect(try setup.status(draft.id) == .publishing)
    #expect(fake.received.count == 1)
    #expect(fake.received[0]["content"] == .string(content))

    let samples = StyleSampleStore(pool: setup.pool, embedder: HashingTextEmbedder())
    let routes = N8NRoutes(
      secret: .init(secret), attempts: PublishAttemptStore(pool: setup.pool),
      drafts: DraftStore(pool: setup.pool),
      settlement: PublishSettlement(
        pool: setup.pool, styleSamples: samples, logger: setup.log.logger),
      store: StoreCall(logger: setup.log.logger))
    let body = Array(
      #"{"post_id":"\#(draft.id)","platform":"threads","status":"success","url":"https://www.threads.net/@sera/post/1"}"#
        .utf8)
    let signature = "sha256=" + hex(hmacSHA256(key: Array(secret.utf8), message: body))
    let request = HTTPRequest(
      method: "POST", path: "/api/v1/n8n/callback", query: [:],
      headers: [N8NRoutes.signatureHeader: signature], body: body)
    #expect(try routes.callback(request).status == 200)
    #expect(try routes.callback(request).status == 200)
    #expect(try setup.status(draft.id) == .published)
    #expect(try samples.count(content: content) == 1)

    var forged = request
    forged.headers[N8NRoutes.signatureHeader] = "sha256=" + String(repeating: "0", count: 64)
    #expect(throws: APIError.self) { try routes.callback(forged) }
  }

  @Test func anOperatorRemovedSampleIsNotAddedBackByALaterConfirmation() throws {
    let setup = try Setup()
    defer { TestDatabase.drop(setup.settings) }
    let samples = StyleSampleStore(pool: setup.pool, embedder: HashingTextEmbedder())
    let chunk = try #require(try samples.add(content: "Drink water.", draftId: nil, userId: nil))
    #expect(try samples.add(content: "Drink water.", draftId: nil, userId: nil) == nil)
    #expect(try samples.remove(chunkId: chunk, by: "operator:ops"))
    #expect(try samples.add(content: "Drink water.", draftId: nil, userId: nil) == nil)
    #expect(try samples.count(content: "Drink water.") == 0)
  }
}

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

  /// Through the real publish route: the first publish names both platforms, the retry names
  /// none, as the Slack button and a bare API call do; it must still go to X.
  @Test func xRefusedTelegramPostedThenRetryPublishesToXOnly() throws {
    let harness = try APITestHarness()
    let log = CapturedLog()
    let telegramFake = try FakeTelegramServer(token: PublishingFixtures.telegramToken)
    let xFake = try FakeXServer(script: [.forbidden])
    defer {
      telegramFake.stop()
      xFake.stop()
    }
    let settings = try PublishingFixtures.settings(telegram: telegramFake.baseURL, x: xFake.baseURL)
    let task = PublishPostTask(
      pool: harness.postgres,
      publishers: PlatformPublishers([
        .telegram: TelegramPublisher(
          settings: settings, token: settings.telegramToken!, chatId: "@sera_test",
          logger: log.logger),
        .twitter: XPublisher(settings: settings, credentials: .bearer(PublishingFixtures.xToken)),
      ]), styleSamples: nil, logger: log.logger)
    let written = try harness.generatedDraft()
    let drafts = DraftStore(pool: harness.postgres)
    let approved = harness.send(
      "POST", "/api/v1/drafts/\(written.id)/approve", token: harness.physician,
      json: #"{"version":\#(written.version)}"#)
    #expect(approved.status == 200)
    let draft = try #require(try drafts.get(id: written.id))

    let first = harness.send(
      "POST", "/api/v1/drafts/\(draft.id)/publish", token: harness.physician,
      json: #"{"version":\#(draft.version),"platforms":["telegram","twitter"]}"#)
    #expect(first.status == 202)
    try Self.runQueued(task, harness)
    let failed = try #require(try drafts.get(id: draft.id))
    #expect(failed.status == .publishFailed)
    #expect(failed.lastError?.contains("X: 403") == true)
    #expect(telegramFake.accepted.count == 1)
    let latest = try PublishAttemptStore(pool: harness.postgres).latest(draftId: draft.id)
    #expect(latest[.telegram]?.state == .succeeded)
    #expect(latest[.twitter]?.state == .failed)

    xFake.setScript([.accept])
    let retry = harness.send(
      "POST", "/api/v1/drafts/\(draft.id)/publish", token: harness.physician,
      json: #"{"version":\#(failed.version)}"#)
    #expect(retry.status == 202)
    #expect(try drafts.publishPlatforms(draftId: draft.id) == [.telegram, .twitter])
    let events = try drafts.events(draftId: draft.id)
    #expect(events.last?.detail == "telegram,twitter; retrying twitter")
    try Self.runQueued(task, harness)
    #expect(try drafts.get(id: draft.id)?.status == .published)
    #expect(telegramFake.accepted.count == 1)
    #expect(xFake.tweets.map(\.text) == [draft.content])
    #expect(!log.text.contains(PublishingFixtures.telegramToken))
    #expect(!log.text.contains(PublishingFixtures.xToken))
  }

  /// Runs every publish task the API queued since the last call, as a worker would.
  static func runQueued(_ task: PublishPostTask, _ harness: APITestHarness) throws {
    let logger = Logger(level: .error, fileDescriptor: 2)
    for message in try harness.queuedMessages() where message.taskName == TaskName.publishPost {
      _ = try task.run(message, context: TaskContext(attempt: 1, logger: logger))
    }
    _ = try harness.redis.checked(["DEL", harness.configuration.queueName])
  }

  @Test func aDuplicateRefusalWithNoMatchingTweetEndsFailedNotPublished() throws {
    let setup = try Setup()
    defer { TestDatabase.drop(setup.settings) }
    let fake = try FakeXServer(script: [.duplicate])
    defer { fake.stop() }
    let settings = try PublishingFixtures.settings(x: fake.baseURL)
    let x = XPublisher(settings: settings, credentials: .bearer(PublishingFixtures.xToken))
    let draft = try PublishingFixtures.publishingDraft(
      setup.pool, content: "Take the stairs today.", platforms: [.twitter])

    _ = try setup.run(setup.task([.twitter: x]), draft.id).get()

    let failed = try #require(try DraftStore(pool: setup.pool).get(id: draft.id))
    #expect(failed.status == .publishFailed)
    #expect(failed.lastError?.contains("duplicate content") == true)
    #expect(failed.lastError?.contains("no matching tweet") == true)
    #expect(fake.tweets.isEmpty)
    let posts = try setup.pool.query(
      "SELECT id FROM published_posts WHERE draft_id = $1", [draft.id])
    #expect(posts.isEmpty)
    #expect(
      try PublishAttemptStore(pool: setup.pool).latest(draftId: draft.id)[.twitter]?.state
        == .failed)
  }

  @Test func aThreadsContainerNeverReadyEndsWithAClearErrorAndNoPublishCall() throws {
    let setup = try Setup()
    defer { TestDatabase.drop(setup.settings) }
    let fake = try FakeThreadsServer(
      userId: "1234", token: PublishingFixtures.threadsToken, notReadyChecks: 1_000)
    defer { fake.stop() }
    let settings = try PublishingFixtures.settings(
      threads: fake.baseURL, extra: ["THREADS_POLL_ATTEMPTS": "3"])
    let threads = ThreadsPublisher(
      settings: settings, userId: "1234", token: settings.threadsToken!)
    let draft = try PublishingFixtures.publishingDraft(
      setup.pool, content: "Stretch before you run.", platforms: [.threads])
    let task = setup.task([.threads: threads])

    let result = setup.run(task, draft.id)
    #expect(throws: (any Error).self) { try result.get() }
    #expect(fake.statusChecks == 3)
    #expect(fake.publishCalls == 0)
    task.finalFailure(PublishingFixtures.message(draft.id), reason: "retries spent")

    let failed = try #require(try DraftStore(pool: setup.pool).get(id: draft.id))
    #expect(failed.status == .publishFailed)
    #expect(failed.lastError?.contains("not ready after 3 checks") == true)
    #expect(fake.publishCalls == 0)
    #expect(fake.posts.isEmpty)
  }

  static let n8nSecret = "n8n-callback-secret"

  /// A draft handed to n8n for `platform`: the publish task ran and the draft waits for the
  /// callback. Returns the draft and the fake n8n, which the caller stops.
  static func handedToN8N(_ setup: Setup, content: String, platform: Platform) throws
    -> (Draft, FakeN8NServer)
  {
    let draft = try PublishingFixtures.publishingDraft(
      setup.pool, content: content, platforms: [platform])
    let fake = try FakeN8NServer()
    let settings = try PublishingFixtures.settings(
      extra: [
        "SERA_PUBLISHER_\(platform.rawValue.uppercased())": "n8n",
        "N8N_WEBHOOK_URL": fake.webhookURL, "N8N_CALLBACK_SECRET": n8nSecret,
      ])
    let task = setup.task([
      platform: N8NPublisher(settings: settings, webhookURL: fake.webhookURL, platform: platform)
    ])
    _ = try setup.run(task, draft.id).get()
    #expect(try setup.status(draft.id) == .publishing)
    return (draft, fake)
  }

  /// The callback route over the test database, adding confirmed posts to `samples`.
  static func n8nRoutes(_ setup: Setup, samples: StyleSampleStore?) -> N8NRoutes {
    N8NRoutes(
      secret: .init(n8nSecret), attempts: PublishAttemptStore(pool: setup.pool),
      drafts: DraftStore(pool: setup.pool),
      settlement: PublishSettlement(
        pool: setup.pool, styleSamples: samples, logger: setup.log.logger),
      store: StoreCall(logger: setup.log.logger))
  }

  /// A callback as n8n sends it: the JSON body signed with the shared secret.
  static func signedCallback(_ json: String) -> HTTPRequest {
    let body = Array(json.utf8)
    let signature = "sha256=" + hex(hmacSHA256(key: Array(n8nSecret.utf8), message: body))
    return HTTPRequest(
      method: "POST", path: "/api/v1/n8n/callback", query: [:],
      headers: [N8NRoutes.signatureHeader: signature], body: body)
  }

  @Test func anN8NFailureCallbackMarksThePlatformFailedWithItsError() throws {
    let setup = try Setup()
    defer { TestDatabase.drop(setup.settings) }
    let (draft, fake) = try Self.handedToN8N(setup, content: "Eat more fibre.", platform: .telegram)
    defer { fake.stop() }

    let routes = Self.n8nRoutes(setup, samples: nil)
    let request = Self.signedCallback(
      #"{"post_id":"\#(draft.id)","platform":"telegram","status":"failure","error":"Bad Request: chat not found"}"#
    )
    #expect(try routes.callback(request).status == 200)

    let attempt = try PublishAttemptStore(pool: setup.pool).latest(draftId: draft.id)[.telegram]
    #expect(attempt?.state == .failed)
    #expect(attempt?.error == "n8n: Bad Request: chat not found")
    let failed = try #require(try DraftStore(pool: setup.pool).get(id: draft.id))
    #expect(failed.status == .publishFailed)
    #expect(failed.lastError?.contains("Telegram: n8n: Bad Request: chat not found") == true)
  }

  @Test func aPublishedPostIsOneStyleSampleEvenWhenConfirmedTwice() throws {
    let setup = try Setup()
    defer { TestDatabase.drop(setup.settings) }
    let content = "Sleep seven hours; your heart will thank you."
    let (draft, fake) = try Self.handedToN8N(setup, content: content, platform: .threads)
    defer { fake.stop() }
    #expect(fake.received.count == 1)
    #expect(fake.received[0]["content"] == .string(content))

    let samples = StyleSampleStore(pool: setup.pool, embedder: HashingTextEmbedder())
    let routes = Self.n8nRoutes(setup, samples: samples)
    let request = Self.signedCallback(
      #"{"post_id":"\#(draft.id)","platform":"threads","status":"success","url":"https://www.threads.net/@sera/post/1"}"#
    )
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

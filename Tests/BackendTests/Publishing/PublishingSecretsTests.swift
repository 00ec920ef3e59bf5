import FoundationEssentials
import Postgres
import Shared
import TestSupport
import Testing

@testable import Backend

#if canImport(Glibc)
  import Glibc
#endif

/// Credentials never leave the request that needs them: a publishing run with real-looking
/// tokens, through rate limits, a timeout and a refused token, leaves none of them in any log
/// line, error, stored error or notification.
@Suite struct PublishingSecretsTests {
  // Shaped like real credentials (bot id and 35-character secret; X OAuth 1.0a keys; a Threads
  // user token), invented for this test.
  static let telegramToken = "7318264095:AAHq3ZkWd9fLx2VnB7rTg5YcM1sPe8uJo4i"
  static let xConsumerKey = "q7TzR2mXv9LbN4wKc8HdJ3sFa"
  static let xConsumerSecret = "Yh5Gk2Pw9Lq3Zt7Xc1Vb6Nm4Rs8Df0Ja2Ue5Io7Hy3Tg9Kl1Qw"
  static let xAccessToken = "1593846207315968000-Rk4Ld8Wq2Zx6Mc9Vb3Nt7Hy1Pg5Js0Fa"
  static let xAccessTokenSecret = "Ws3Ez8Rd1Tf6Yg9Uh2Ij5Ok7Pl4Aq0Sw3De6Fr9Gt1Hy5"
  static let threadsToken = "THAAGq8Rz2Wk7Lm4Xp9Vc1Nb6Ht3Jy5Fd0Sa8Ue2Io4Pk7Qw1Zx3Cv9Bn6Mh"
  static let callbackSecret = "n8n-Kp4Wz9Qr2Lt7Xv1Mc6Hb3Ny8Js5Fd"

  static var secrets: [String] {
    [
      telegramToken, xConsumerKey, xConsumerSecret, xAccessToken, xAccessTokenSecret,
      threadsToken, callbackSecret,
    ]
  }

  @Test func noTokenAppearsInAnyLogLineOfAPublishingRun() throws {
    let setup = try PublishingExactlyOnceTests.Setup()
    defer { TestDatabase.drop(setup.settings) }
    let telegram = try FakeTelegramServer(
      token: Self.telegramToken, script: [.tooManyRequests(retryAfter: 1), .accept])
    let x = try FakeXServer(script: [.acceptThenStall(seconds: 2), .accept])
    // Threads refuses the token (Graph error 190), as after a revoked token.
    let threads = try FakeThreadsServer(userId: "1234", token: "another-token")
    defer {
      telegram.stop()
      x.stop()
      threads.stop()
    }
    let settings = try PublishingSettings(environment: [
      "SERA_PUBLISHER_TELEGRAM": "direct", "SERA_PUBLISHER_TWITTER": "direct",
      "SERA_PUBLISHER_THREADS": "direct", "SERA_PUBLISH_TIMEOUT_SECONDS": "1",
      "TELEGRAM_API_BASE_URL": telegram.baseURL, "TELEGRAM_BOT_TOKEN": Self.telegramToken,
      "TELEGRAM_CHAT_ID": "@sera_test", "X_API_BASE_URL": x.baseURL,
      "X_API_KEY": Self.xConsumerKey, "X_API_SECRET": Self.xConsumerSecret,
      "X_ACCESS_TOKEN": Self.xAccessToken, "X_ACCESS_TOKEN_SECRET": Self.xAccessTokenSecret,
      "THREADS_API_BASE_URL": threads.baseURL, "THREADS_USER_ID": "1234",
      "THREADS_ACCESS_TOKEN": Self.threadsToken, "THREADS_POLL_INTERVAL_MS": "10",
      "N8N_CALLBACK_SECRET": Self.callbackSecret,
    ])
    let publishers = PlatformPublishers(
      settings: settings, outboxDirectory: "/nonexistent", logger: setup.log.logger)
    let task = PublishPostTask(
      pool: setup.pool, publishers: publishers, styleSamples: nil, logger: setup.log.logger)
    let draft = try PublishingFixtures.publishingDraft(
      setup.pool, content: "Check your blood pressure once a year.",
      platforms: [.telegram, .twitter, .threads])

    var errors: [String] = []
    for _ in 0..<2 {
      if case .failure(let error) = setup.run(task, draft.id) {
        errors.append(String(describing: error))
      }
    }

    #expect(try setup.status(draft.id) == .publishFailed)
    #expect(telegram.accepted.count == 1 && x.tweets.count == 1)
    let log = setup.log.text
    #expect(log.contains("publish_rate_limited") && log.contains("publish_platform_failed"))
    let stored = try storedTexts(setup.pool, draft.id)
    #expect(stored.contains("Invalid OAuth access token"))
    for text in [log, stored] + errors {
      for secret in Self.secrets {
        #expect(!text.contains(secret))
        #expect(!text.contains(OAuth1Signer.percentEncode(secret)))
      }
    }
  }

  @Test func publishingSecretsAreReadFromOwnerOnlyFiles() throws {
    let folder = try TemporaryFolder()
    let tokenFile = folder.path + "/telegram-token"
    let secretFile = folder.path + "/n8n-secret"
    try Self.write(Self.telegramToken + "\n", to: tokenFile, mode: 0o600)
    try Self.write(Self.callbackSecret, to: secretFile, mode: 0o600)
    let telegram = try FakeTelegramServer(token: Self.telegramToken)
    defer { telegram.stop() }
    let settings = try PublishingSettings(environment: [
      "SERA_PUBLISHER_TELEGRAM": "direct", "TELEGRAM_API_BASE_URL": telegram.baseURL,
      "TELEGRAM_BOT_TOKEN_FILE": tokenFile, "TELEGRAM_CHAT_ID": "@sera_test",
      "N8N_CALLBACK_SECRET_FILE": secretFile,
    ])
    #expect(settings.telegramToken?.value == Self.telegramToken, "the newline is trimmed")
    #expect(settings.n8nCallbackSecret?.value == Self.callbackSecret)
    let publisher = TelegramPublisher(
      settings: settings, token: try #require(settings.telegramToken), chatId: "@sera_test",
      logger: Logger(level: .error, fileDescriptor: 2))
    _ = try publisher.publish(
      PublishingFixtures.post("Sleep well.", on: .telegram), journal: MemoryJournal())
    #expect(telegram.accepted.map(\.text) == ["Sleep well."])

    try Self.write(Self.telegramToken, to: tokenFile, mode: 0o644)
    let refused = #expect(throws: ConfigurationError.self) {
      try PublishingSettings(environment: [
        "SERA_PUBLISHER_TELEGRAM": "direct", "TELEGRAM_BOT_TOKEN_FILE": tokenFile,
        "TELEGRAM_CHAT_ID": "@sera_test",
      ])
    }
    #expect(refused?.variable == "TELEGRAM_BOT_TOKEN_FILE")
    #expect(!"\(String(describing: refused))".contains(Self.telegramToken))
  }

  private static func write(_ text: String, to path: String, mode: mode_t) throws {
    #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    #expect(chmod(path, mode) == 0)
  }

  /// Every text Sera stored about the run: attempt errors, the draft's error, its events and
  /// notifications.
  private func storedTexts(_ pool: PostgresPool, _ draftId: Int64) throws -> String {
    let rows = try pool.query(
      """
      SELECT coalesce(error, '') AS text FROM publish_attempts WHERE draft_id = $1
      UNION ALL SELECT coalesce(last_error, '') FROM drafts WHERE id = $1
      UNION ALL SELECT coalesce(detail, '') FROM draft_events WHERE draft_id = $1
      UNION ALL SELECT message FROM notifications WHERE draft_id = $1
      """, [draftId])
    return try rows.map { try $0.string("text") }.joined(separator: "\n")
  }
}

import FoundationEssentials
import Postgres
import Shared
import Synchronization
import TestSupport

@testable import Backend

#if canImport(Glibc)
  import Glibc
#endif

/// A publish journal in memory, for publisher tests without a database.
final class MemoryJournal: PublishJournal, Sendable {
  private struct State {
    var parts: [PublishedPart] = []
    var inFlight: (Int, String?)?
  }
  private let state = Mutex(State())

  var completedParts: [PublishedPart] { state.withLock { $0.parts } }
  var partInFlight: (index: Int, note: String?)? { state.withLock { $0.inFlight } }

  func willSend(part index: Int, note: String?) { state.withLock { $0.inFlight = (index, note) } }
  func sent(_ part: PublishedPart) {
    state.withLock {
      $0.parts.append(part)
      $0.inFlight = nil
    }
  }
  func notSent(part index: Int) { state.withLock { $0.inFlight = nil } }
}

/// Test values shared by the publishing suites.
enum PublishingFixtures {
  static let telegramToken = "123456:TEST-telegram-token-secret"
  static let threadsToken = "THREADS-test-token-secret"
  static let xToken = "X-test-oauth2-user-token-secret"

  /// Settings for the direct publishers pointed at the given fakes.
  static func settings(
    telegram: String = "http://127.0.0.1:9", x: String = "http://127.0.0.1:9",
    threads: String = "http://127.0.0.1:9", format: String = "plain", timeout: Int = 5,
    extra: [String: String] = [:]
  ) throws -> PublishingSettings {
    var environment = [
      "SERA_PUBLISHER_TELEGRAM": "direct", "SERA_PUBLISHER_TWITTER": "direct",
      "SERA_PUBLISHER_THREADS": "direct", "TELEGRAM_API_BASE_URL": telegram,
      "TELEGRAM_BOT_TOKEN": telegramToken, "TELEGRAM_CHAT_ID": "@sera_test",
      "TELEGRAM_FORMAT": format, "X_API_BASE_URL": x, "X_OAUTH2_USER_TOKEN": xToken,
      "THREADS_API_BASE_URL": threads, "THREADS_USER_ID": "1234",
      "THREADS_ACCESS_TOKEN": threadsToken, "THREADS_POLL_INTERVAL_MS": "10",
      "SERA_PUBLISH_TIMEOUT_SECONDS": String(timeout),
    ]
    environment.merge(extra) { $1 }
    return try PublishingSettings(environment: environment)
  }

  static func post(_ content: String, on platform: Platform, draftId: Int64 = 7) -> OutgoingPost {
    OutgoingPost(
      draftId: draftId, platform: platform, content: content, version: 1,
      idempotencyKey: PublishAttemptStore.idempotencyKey(
        draftId: draftId, platform: platform, content: content))
  }

  /// A draft in `publishing` with `content`, to go to `platforms`.
  static func publishingDraft(_ pool: PostgresPool, content: String, platforms: [Platform])
    throws -> Draft
  {
    let drafts = DraftStore(pool: pool)
    let user = try UserStore(pool: pool).ensure(username: "dr-publish")
    let draft = try drafts.create(
      userId: user, topic: "flu shots", platform: platforms[0], sourceURL: nil)
    return try drafts.transition(
      id: draft.id, from: [.pending], to: .publishing, expectedVersion: nil, actor: "test",
      actorUserId: nil, detail: nil,
      changes: DraftChanges(content: content, publishPlatforms: platforms))
  }

  static func message(_ draftId: Int64) -> TaskMessage {
    TaskMessage(taskName: TaskName.publishPost, kwargs: ["draft_id": .string(String(draftId))])
  }
}

/// A logger writing to a temporary file, so a test can read every line it wrote.
final class CapturedLog: Sendable {
  let path: String
  let logger: Logger
  private let descriptor: Int32

  init() {
    path = "/tmp/sera-publish-log-\(UInt64.random(in: 0...UInt64.max)).jsonl"
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    logger = Logger(level: .debug, fileDescriptor: descriptor)
  }

  var text: String {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
  }

  deinit {
    close(descriptor)
    unlink(path)
  }
}

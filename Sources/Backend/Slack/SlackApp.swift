import Dispatch
import FoundationEssentials
import HTTPServer
import Postgres
import Redis
import Shared

/// Everything the Slack endpoints share: the request verifier, the stores, the queue, the
/// `/draft` limiter and intake, the texts, and a thread for the Web API calls that must not delay an
/// acknowledgement (Slack waits at most 3 s for one).
final class SlackApp: Sendable {
  let settings: SlackSettings
  let verifier: SlackSignature
  let slack: SlackStore
  let drafts: DraftStore
  let feedback: FeedbackStore
  let publishing: PublishStart
  let requester: DraftRequester
  let queue: TaskQueue
  let limiter: SlackRateLimiter
  let intake: SlackDraftIntake
  let store: StoreCall
  let text: SlackText
  let logger: Logger
  /// Nil when no bot token is set: nothing is sent, requests are still answered.
  let webAPI: SlackWebAPI?
  private let calls = DispatchQueue(label: "sera.slack.calls")
  private let pending = DispatchGroup()

  // An answer to a click or a form is a courtesy: wait at most this long on a 429 for it.
  static let courtesyWaitSeconds = 3.0

  init(
    configuration: Configuration, settings: SlackSettings, postgres: PostgresPool,
    queue: TaskQueue, logger: Logger
  ) {
    self.settings = settings
    self.verifier = SlackSignature(secret: settings.signingSecret)
    self.slack = SlackStore(pool: postgres)
    self.drafts = DraftStore(pool: postgres)
    self.feedback = FeedbackStore(pool: postgres)
    self.publishing = PublishStart(pool: postgres, queue: queue)
    self.queue = queue
    self.store = StoreCall(logger: logger)
    self.requester = DraftRequester(
      drafts: drafts, queue: queue, store: store, logger: logger)
    self.limiter = SlackRateLimiter(redis: queue.redis)
    self.intake = SlackDraftIntake(
      slack: slack, limiter: limiter, queue: queue, store: store, logger: logger)
    self.text = SlackText(language: configuration.postLanguage)
    self.logger = logger
    self.webAPI = settings.botToken.flatMap { token in
      token.isEmpty
        ? nil
        : SlackWebAPI(
          baseURL: settings.apiBaseURL, token: token, maxAttempts: 2,
          maxWaitSeconds: SlackApp.courtesyWaitSeconds)
    }
  }

  /// Runs a Web API call after the acknowledgement; a failure is logged, never shown.
  func later(_ what: String, _ body: @escaping @Sendable (SlackWebAPI) throws -> Void) {
    guard let webAPI else { return }
    pending.enter()
    calls.async { [self] in
      defer { self.pending.leave() }
      do { try body(webAPI) } catch {
        self.logger.warning(
          "slack_call_failed", [("call", .string(what)), ("error", .string("\(error)"))])
      }
    }
  }

  /// Waits until the calls queued so far are done (tests, shutdown).
  func drain() {
    pending.wait()
  }

  /// An ephemeral reply to a slash command or form: only the caller sees it.
  static func ephemeral(_ message: String, status: Int = 200) -> HTTPResponse {
    .json(
      status: status, JSONValue.object(["response_type": "ephemeral", "text": .string(message)]))
  }

  /// The plain acknowledgement Slack needs within 3 s.
  static var acknowledged: HTTPResponse { HTTPResponse(status: 200) }

  /// Whether text has the shape of a Slack id (user `U…`/`W…`, workspace `T…`/`E…`, channel
  /// `C…`): upper-case letters and digits. Anything else in a signed request is refused before it
  /// names a physician.
  static func isSlackId(_ text: String) -> Bool {
    (1...maxSlackIdLength).contains(text.utf8.count)
      && text.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) }
  }

  // Slack's ids are about eleven characters; this leaves room and keeps the names that embed
  // them (`slack:<team>:<user>`) within users.username's 255.
  private static let maxSlackIdLength = 32
}

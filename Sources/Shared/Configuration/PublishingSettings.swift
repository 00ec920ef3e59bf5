/// How each platform is published to, and the credentials of the direct and n8n publishers.
public struct PublishingSettings: Sendable {
  /// Which publisher a platform uses.
  public enum Mode: String, Sendable, CaseIterable {
    /// Writes the post to the outbox folder (the embedded default).
    case outbox
    /// Calls the platform's own API.
    case direct
    /// Hands the post to an n8n webhook, which reports back on the callback route.
    case n8n
  }

  /// How Telegram posts are formatted.
  public enum TelegramFormat: String, Sendable {
    case plain
    case markdownv2
  }

  /// A credential whose description never shows its value, so interpolating it leaks nothing.
  public struct Secret: Sendable, CustomStringConvertible {
    /// The credential itself; only code building a request should read it.
    public let value: String
    /// A secret holding `value`.
    public init(_ value: String) { self.value = value }
    public var description: String { "<redacted>" }
  }

  /// The publisher of each platform; a missing platform uses the outbox.
  public var modes: [Platform: Mode]
  /// How long one platform call may take, in seconds.
  public var timeoutSeconds: Int
  /// The longest `retry_after` a publisher waits in place; longer waits go back to the queue.
  public var maxRetryAfterSeconds: Int
  /// Telegram Bot API base URL, bot token, chat id and format.
  public var telegramBaseURL: String
  public var telegramToken: Secret?
  public var telegramChatId: String?
  public var telegramFormat: TelegramFormat
  /// X API base URL and credentials: OAuth 1.0a (four values) or an OAuth 2.0 user token.
  public var xBaseURL: String
  public var xConsumerKey: Secret?
  public var xConsumerSecret: Secret?
  public var xAccessToken: Secret?
  public var xAccessTokenSecret: Secret?
  public var xUserToken: Secret?
  /// Threads Graph API base URL (with version), user id, token, and the container poll bound.
  public var threadsBaseURL: String
  public var threadsUserId: String?
  public var threadsToken: Secret?
  public var threadsPollAttempts: Int
  public var threadsPollIntervalMilliseconds: Int
  /// n8n's `publish-post` webhook and the secret its callbacks are signed with.
  public var n8nWebhookURL: String?
  public var n8nCallbackSecret: Secret?

  /// The variables these settings read, with what each means.
  public static let variables: [(name: String, meaning: String)] = [
    ("SERA_PUBLISHER_TELEGRAM", "outbox, direct or n8n (outbox)"),
    ("SERA_PUBLISHER_TWITTER", "outbox, direct or n8n (outbox)"),
    ("SERA_PUBLISHER_THREADS", "outbox, direct or n8n (outbox)"),
    ("SERA_PUBLISH_TIMEOUT_SECONDS", "time limit of one platform call (10)"),
    ("SERA_PUBLISH_MAX_RETRY_AFTER_SECONDS", "longest rate-limit wait taken in place (60)"),
    ("TELEGRAM_API_BASE_URL", "Telegram Bot API (https://api.telegram.org)"),
    ("TELEGRAM_BOT_TOKEN", "bot token, or TELEGRAM_BOT_TOKEN_FILE (a 0600 file)"),
    ("TELEGRAM_CHAT_ID", "chat or @channel the bot posts to"),
    ("TELEGRAM_FORMAT", "plain or markdownv2 (plain)"),
    ("X_API_BASE_URL", "X API (https://api.x.com)"),
    ("X_API_KEY", "OAuth 1.0a consumer key (or X_API_KEY_FILE)"),
    ("X_API_SECRET", "OAuth 1.0a consumer secret (or X_API_SECRET_FILE)"),
    ("X_ACCESS_TOKEN", "OAuth 1.0a access token (or X_ACCESS_TOKEN_FILE)"),
    ("X_ACCESS_TOKEN_SECRET", "OAuth 1.0a token secret (or X_ACCESS_TOKEN_SECRET_FILE)"),
    ("X_OAUTH2_USER_TOKEN", "OAuth 2.0 user token, instead of 1.0a (or _FILE)"),
    ("THREADS_API_BASE_URL", "Threads API with version (https://graph.threads.net/v1.0)"),
    ("THREADS_USER_ID", "Threads user id"),
    ("THREADS_ACCESS_TOKEN", "Threads user token, or THREADS_ACCESS_TOKEN_FILE"),
    ("THREADS_POLL_ATTEMPTS", "container status checks before giving up (10)"),
    ("THREADS_POLL_INTERVAL_MS", "pause between container status checks (3000)"),
    ("N8N_WEBHOOK_URL", "n8n publish-post webhook"),
    ("N8N_CALLBACK_SECRET", "HMAC secret of n8n callbacks, or N8N_CALLBACK_SECRET_FILE"),
  ]

  /// Reads the settings; a platform set to `direct` or `n8n` without what it needs is refused
  /// at start-up rather than at the first publish.
  public init(environment: [String: String]) throws(ConfigurationError) {
    let env = Environment(values: environment)
    modes = [:]
    for platform in Platform.allCases {
      let name = "SERA_PUBLISHER_" + platform.rawValue.uppercased()
      let text = env.string(name, default: Mode.outbox.rawValue).lowercased()
      guard let mode = Mode(rawValue: text) else {
        throw ConfigurationError(variable: name, problem: "must be outbox, direct or n8n")
      }
      modes[platform] = mode
    }
    timeoutSeconds = try env.integer("SERA_PUBLISH_TIMEOUT_SECONDS", default: 10, in: 1...300)
    maxRetryAfterSeconds = try env.integer(
      "SERA_PUBLISH_MAX_RETRY_AFTER_SECONDS", default: 60, in: 0...3600)
    telegramBaseURL = env.string("TELEGRAM_API_BASE_URL", default: "https://api.telegram.org")
    telegramToken = try env.secret("TELEGRAM_BOT_TOKEN").map(Secret.init)
    telegramChatId = Self.optional(env, "TELEGRAM_CHAT_ID")
    let format = env.string("TELEGRAM_FORMAT", default: "plain").lowercased()
    guard let telegramFormat = TelegramFormat(rawValue: format) else {
      throw ConfigurationError(variable: "TELEGRAM_FORMAT", problem: "must be plain or markdownv2")
    }
    self.telegramFormat = telegramFormat
    xBaseURL = env.string("X_API_BASE_URL", default: "https://api.x.com")
    xConsumerKey = try env.secret("X_API_KEY").map(Secret.init)
    xConsumerSecret = try env.secret("X_API_SECRET").map(Secret.init)
    xAccessToken = try env.secret("X_ACCESS_TOKEN").map(Secret.init)
    xAccessTokenSecret = try env.secret("X_ACCESS_TOKEN_SECRET").map(Secret.init)
    xUserToken = try env.secret("X_OAUTH2_USER_TOKEN").map(Secret.init)
    threadsBaseURL = env.string(
      "THREADS_API_BASE_URL", default: "https://graph.threads.net/v1.0")
    threadsUserId = Self.optional(env, "THREADS_USER_ID")
    threadsToken = try env.secret("THREADS_ACCESS_TOKEN").map(Secret.init)
    threadsPollAttempts = try env.integer("THREADS_POLL_ATTEMPTS", default: 10, in: 1...100)
    threadsPollIntervalMilliseconds = try env.integer(
      "THREADS_POLL_INTERVAL_MS", default: 3000, in: 0...60_000)
    n8nWebhookURL = Self.optional(env, "N8N_WEBHOOK_URL")
    n8nCallbackSecret = try env.secret("N8N_CALLBACK_SECRET").map(Secret.init)
    try checkComplete()
  }

  /// The publisher `platform` uses.
  public func mode(for platform: Platform) -> Mode { modes[platform] ?? .outbox }

  private static func optional(_ env: Environment, _ name: String) -> String? {
    let value = env.string(name, default: "")
    return value.isEmpty ? nil : value
  }

  private func checkComplete() throws(ConfigurationError) {
    if mode(for: .telegram) == .direct {
      try require(telegramToken != nil, "TELEGRAM_BOT_TOKEN", "is needed to post to Telegram")
      try require(telegramChatId != nil, "TELEGRAM_CHAT_ID", "is needed to post to Telegram")
    }
    if mode(for: .twitter) == .direct {
      let oauth1 = [xConsumerKey, xConsumerSecret, xAccessToken, xAccessTokenSecret]
      try require(
        xUserToken != nil || oauth1.allSatisfy { $0 != nil }, "X_OAUTH2_USER_TOKEN",
        "or all four of X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET are needed")
    }
    if mode(for: .threads) == .direct {
      try require(threadsUserId != nil, "THREADS_USER_ID", "is needed to post to Threads")
      try require(threadsToken != nil, "THREADS_ACCESS_TOKEN", "is needed to post to Threads")
    }
    if Platform.allCases.contains(where: { mode(for: $0) == .n8n }) {
      try require(n8nWebhookURL != nil, "N8N_WEBHOOK_URL", "is needed by the n8n publisher")
      try require(
        n8nCallbackSecret != nil, "N8N_CALLBACK_SECRET", "is needed to accept n8n callbacks")
    }
  }

  private func require(_ condition: Bool, _ variable: String, _ problem: String)
    throws(ConfigurationError)
  {
    if !condition { throw ConfigurationError(variable: variable, problem: problem) }
  }
}

/// The Slack app's settings: the signing secret that authenticates Slack's requests, the bot
/// token for Web API calls, where that API is, and the channel for messages with no owner.
public struct SlackSettings: Sendable {
  /// The app's signing secret; nil means every Slack request is refused (fail closed).
  public var signingSecret: String?
  /// The bot token (`xoxb-...`); nil means nothing is sent to Slack.
  public var botToken: String?
  /// The Web API base, without a trailing slash; tests point it at a fake.
  public var apiBaseURL: String
  /// A channel id for messages whose physician has no Slack conversation, if any.
  public var logChannel: String?

  /// The variables read here, with what each means.
  public static let variables: [(name: String, meaning: String)] = [
    ("SLACK_SIGNING_SECRET", "Slack app signing secret, or SLACK_SIGNING_SECRET_FILE (0600)"),
    ("SLACK_BOT_TOKEN", "Slack bot token (xoxb-...), or SLACK_BOT_TOKEN_FILE (0600)"),
    ("SLACK_API_BASE_URL", "Slack Web API base (default https://slack.com/api)"),
    ("SLACK_LOG_CHANNEL", "channel id for Slack messages with no other destination (optional)"),
  ]

  /// Reads the Slack variables; a secret file readable by others is refused.
  public init(environment: [String: String]) throws(ConfigurationError) {
    let env = Environment(values: environment)
    self.signingSecret = try env.secret("SLACK_SIGNING_SECRET")
    self.botToken = try env.secret("SLACK_BOT_TOKEN")
    var base = env.string("SLACK_API_BASE_URL", default: "https://slack.com/api")
    while base.hasSuffix("/") { base.removeLast() }
    guard base.hasPrefix("https://") || base.hasPrefix("http://") else {
      throw ConfigurationError(
        variable: "SLACK_API_BASE_URL", problem: "must start with https:// or http://")
    }
    self.apiBaseURL = base
    let channel = env.string("SLACK_LOG_CHANNEL", default: "")
    self.logChannel = channel.isEmpty ? nil : channel
  }

  /// Settings with no secret and no token: every request refused, nothing sent.
  public static let refusingAll = SlackSettings(
    signingSecret: nil, botToken: nil, apiBaseURL: "https://slack.com/api", logChannel: nil)

  private init(signingSecret: String?, botToken: String?, apiBaseURL: String, logChannel: String?) {
    self.signingSecret = signingSecret
    self.botToken = botToken
    self.apiBaseURL = apiBaseURL
    self.logChannel = logChannel
  }

  /// Whether Slack's requests can be verified at all.
  public var acceptsRequests: Bool { !(signingSecret ?? "").isEmpty }

  /// Whether messages can be sent to Slack.
  public var canSend: Bool { !(botToken ?? "").isEmpty }
}

/// A social network a draft can be published to.
public enum Platform: String, Codable, Sendable, CaseIterable, Hashable {
  case telegram
  case twitter
  case threads

  /// The platform's own limit on one post, in the unit that platform counts.
  public var characterLimit: Int {
    switch self {
    // Bot API sendMessage: 4096 UTF-16 code units after entity parsing.
    case .telegram: return 4096
    case .twitter: return 280  // X weighted length (twitter-text config v3).
    case .threads: return 500  // Threads API text posts: 500 characters.
    }
  }

  /// A name people read, e.g. in the dashboard and in Slack.
  public var displayName: String {
    switch self {
    case .telegram: return "Telegram"
    case .twitter: return "X"
    case .threads: return "Threads"
    }
  }
}

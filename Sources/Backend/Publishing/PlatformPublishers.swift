import Shared

/// The publisher of each platform, chosen by `SERA_PUBLISHER_<PLATFORM>`.
public struct PlatformPublishers: Sendable {
  private let publishers: [Platform: any Publisher]

  /// Publishers built from the settings; platforms set to nothing else use the outbox.
  public init(settings: PublishingSettings, outboxDirectory: String, logger: Logger) {
    var publishers: [Platform: any Publisher] = [:]
    for platform in Platform.allCases {
      publishers[platform] =
        Self.make(platform, settings, logger) ?? OutboxPublisher(directory: outboxDirectory)
    }
    self.publishers = publishers
  }

  /// The given publishers; platforms missing from `publishers` cannot be published to.
  public init(_ publishers: [Platform: any Publisher]) {
    self.publishers = publishers
  }

  /// Publishers from `configuration.environment`; when those settings are invalid, every
  /// platform fails with the problem, which the draft then shows.
  public static func configured(_ configuration: Configuration, logger: Logger)
    -> PlatformPublishers
  {
    do {
      let settings = try PublishingSettings(environment: configuration.environment)
      return PlatformPublishers(
        settings: settings, outboxDirectory: configuration.outboxDirectory, logger: logger)
    } catch {
      logger.error("publishing_settings_invalid", [("error", .string(error.description))])
      let failing = UnconfiguredPublisher(problem: error.description)
      return PlatformPublishers(
        Dictionary(uniqueKeysWithValues: Platform.allCases.map { ($0, failing) }))
    }
  }

  /// The publisher of `platform`.
  public func publisher(for platform: Platform) -> (any Publisher)? { publishers[platform] }

  /// Settings are checked complete at start-up, so a missing value here means outbox.
  private static func make(_ platform: Platform, _ settings: PublishingSettings, _ logger: Logger)
    -> (any Publisher)?
  {
    switch settings.mode(for: platform) {
    case .outbox: return nil
    case .n8n:
      return settings.n8nWebhookURL.map {
        N8NPublisher(settings: settings, webhookURL: $0, platform: platform)
      }
    case .direct: return direct(platform, settings, logger)
    }
  }

  private static func direct(
    _ platform: Platform, _ settings: PublishingSettings, _ logger: Logger
  ) -> (any Publisher)? {
    switch platform {
    case .telegram:
      guard let token = settings.telegramToken, let chat = settings.telegramChatId else {
        return nil
      }
      return TelegramPublisher(settings: settings, token: token, chatId: chat, logger: logger)
    case .twitter:
      if let token = settings.xUserToken {
        return XPublisher(settings: settings, credentials: .bearer(token.value))
      }
      guard let key = settings.xConsumerKey, let secret = settings.xConsumerSecret,
        let token = settings.xAccessToken, let tokenSecret = settings.xAccessTokenSecret
      else { return nil }
      return XPublisher(
        settings: settings,
        credentials: .oauth1(
          consumerKey: key.value, consumerSecret: secret.value, token: token.value,
          tokenSecret: tokenSecret.value))
    case .threads:
      guard let user = settings.threadsUserId, let token = settings.threadsToken else { return nil }
      return ThreadsPublisher(settings: settings, userId: user, token: token)
    }
  }
}

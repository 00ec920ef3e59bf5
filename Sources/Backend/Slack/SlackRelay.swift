import Dispatch
import Postgres
import Shared

/// Brings Slack up to date with PostgreSQL: posts each draft's card once it has text, updates it
/// when the draft changes (published, failed to publish, rejected...), and posts one message per
/// failure notification. Everything it sends is derived from stored state and marked when sent,
/// so a Slack outage delays messages and loses none.
public final class SlackRelay: Sendable {
  private let slack: SlackStore
  private let drafts: DraftStore
  private let attempts: PublishAttemptStore
  private let webAPI: SlackWebAPI
  private let text: SlackText
  private let logger: Logger
  private let interval: Double
  private let stopped = DispatchSemaphore(value: 0)
  private let done = DispatchSemaphore(value: 0)

  // Cards and notices handled per tick; more wait for the next tick.
  static let batch = 20
  // Keep delivery ids a day: Slack's last event retry comes about 5 minutes after the first.
  static let deliveryMemorySeconds = 86_400
  // Slack errors that mean the bot cannot post where the card was asked for.
  static let unreachableChannel: Set<String> = [
    "not_in_channel", "channel_not_found", "is_archived",
  ]

  /// A relay sending through `webAPI` every `interval` seconds.
  public init(
    pool: PostgresPool, webAPI: SlackWebAPI, language: String, logger: Logger,
    interval: Double = 2
  ) {
    self.slack = SlackStore(pool: pool)
    self.drafts = DraftStore(pool: pool)
    self.attempts = PublishAttemptStore(pool: pool)
    self.webAPI = webAPI
    self.text = SlackText(language: language)
    self.logger = logger
    self.interval = interval
  }

  /// Starts a relay for the configuration on a thread of its own; nil (and a log line) when
  /// Slack is not configured. The scheduler runs it.
  public static func start(configuration: Configuration, postgres: PostgresPool, logger: Logger)
    -> SlackRelay?
  {
    guard let settings = try? SlackSettings(environment: configuration.environment),
      let webAPI = SlackWebAPI(settings: settings)
    else {
      logger.info("slack_relay_off", [("reason", .string("no SLACK_BOT_TOKEN"))])
      return nil
    }
    let relay = SlackRelay(
      pool: postgres, webAPI: webAPI, language: configuration.postLanguage, logger: logger)
    relay.start()
    return relay
  }

  /// Runs `tick` every interval until `stop`.
  public func start() {
    DispatchQueue(label: "sera.slack.relay").async { [self] in
      repeat { self.tick() } while self.stopped.wait(timeout: .now() + self.interval) == .timedOut
      self.done.signal()
    }
  }

  /// Stops after the tick in progress.
  public func stop() {
    stopped.signal()
    done.wait()
  }

  /// One pass: failure notices, then cards; stops early while Slack is failing.
  public func tick() {
    do {
      try deliverNotices()
      try refreshCards()
      try slack.pruneDeliveries(olderThan: SlackRelay.deliveryMemorySeconds)
    } catch {
      logger.warning("slack_relay_paused", [("error", .string("\(error)"))])
    }
  }

  private func deliverNotices() throws {
    for notice in try slack.undeliveredNotices(limit: SlackRelay.batch) {
      let message = noticeMessage(notice)
      try send(draftId: notice.draft.id) { channel in
        try webAPI.call(
          "chat.postMessage",
          [
            "channel": .string(channel ?? notice.channelId), "text": .string(message.fallback),
            "blocks": .array(message.blocks),
          ])
      }
      try slack.markDelivered(noticeId: notice.id)
    }
  }

  private func refreshCards() throws {
    for card in try slack.staleCards(limit: SlackRelay.batch) {
      let draft = card.draft
      var ts = card.messageTs
      // A failed generation is told by its notice; there is no card to update yet.
      if !(draft.status == .failed && ts == nil) {
        ts = try post(card)
      }
      try slack.markShown(
        draftId: draft.id, status: draft.status, version: draft.version, messageTs: ts)
    }
  }

  /// Posts the card, or updates it when it was posted before; returns its message ts.
  private func post(_ card: SlackCard) throws -> String? {
    let message = DraftCard(draft: card.draft, text: text, results: try results(card.draft))
      .message
    var fields: [String: JSONValue] = [
      "text": .string(message.fallback), "blocks": .array(message.blocks),
    ]
    if let ts = card.messageTs {
      fields["ts"] = .string(ts)
      fields["channel"] = .string(card.channelId)
      try webAPI.call("chat.update", fields)
      return ts
    }
    var answer: JSONValue = .null
    try send(draftId: card.draft.id) { channel in
      fields["channel"] = .string(channel ?? card.channelId)
      answer = try webAPI.call("chat.postMessage", fields)
    }
    return answer["ts"]?.stringValue
  }

  /// Runs a post; when the bot cannot post in the card's channel, moves the card to the
  /// physician's direct messages and tries there once.
  private func send(draftId: Int64, _ post: (String?) throws -> Void) throws {
    do {
      try post(nil)
    } catch let error as SlackAPIError where SlackRelay.unreachableChannel.contains(error.reason) {
      guard let direct = try slack.moveCardToDirectMessage(draftId: draftId) else { throw error }
      try post(direct)
    }
  }

  private func noticeMessage(_ notice: SlackNotice) -> (fallback: String, blocks: [JSONValue]) {
    let draft = notice.draft
    let line =
      notice.kind == "publish_failed"
      ? DraftCard.publishFailedText(draft, (try? results(draft)) ?? [], text)
      : text.generationFailed(topic: Mrkdwn.escape(draft.topic))
    var blocks = [BlockKit.section(line)]
    if DraftStatus.regenerable.contains(draft.status) {
      let value = SlackActionValue(draftId: draft.id, version: draft.version).encoded
      blocks.append(
        BlockKit.actions(
          "failure_actions",
          [BlockKit.button(text.regenerate, action: SlackAction.regenerate.rawValue, value: value)])
      )
    }
    return (line, blocks)
  }

  /// Each platform's outcome, for a draft that failed to publish; none for any other draft.
  private func results(_ draft: Draft) throws -> [PlatformResult] {
    guard draft.status == .publishFailed else { return [] }
    return try PlatformResult.current(for: draft, drafts: drafts, attempts: attempts)
  }
}

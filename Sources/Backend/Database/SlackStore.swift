import Postgres
import Shared

/// Where a draft's Slack card lives and which state of the draft it shows.
public struct SlackCard: Sendable, Equatable {
  /// The draft the card shows.
  public var draft: Draft
  /// The channel (or user id, for a direct message) the card goes to.
  public var channelId: String
  /// The card's message timestamp, nil until it was posted.
  public var messageTs: String?
}

/// A failure notification for a draft with a Slack card, not yet delivered to Slack.
public struct SlackNotice: Sendable, Equatable {
  /// The notification's id.
  public var id: Int64
  /// `draft_failed` or `publish_failed`.
  public var kind: String
  /// The draft as it is now.
  public var draft: Draft
  /// Where to post.
  public var channelId: String
  /// The card to thread under, if it was posted.
  public var messageTs: String?
}

/// Slack's side of the data: Slack users, draft cards, deliveries acted on, notices sent.
public struct SlackStore: Sendable {
  let pool: PostgresPool

  /// A store over the pool.
  public init(pool: PostgresPool) {
    self.pool = pool
  }

  /// The Sera user for a Slack user, created as `slack:<team>:<user>` on first sight.
  public func user(slackId: String, teamId: String) throws -> Int64 {
    try SlackStore.userId(slackId: slackId, teamId: teamId, query: pool.query)
  }

  /// Finds or creates the physician in two statements. One `INSERT ... ON CONFLICT (slack_id)
  /// DO UPDATE` is not enough: two first requests from one user at once collide on the
  /// username index, which that clause does not cover, and one fails. `DO NOTHING` covers every
  /// unique index and waits for the other insert; the following SELECT, a new statement, sees
  /// the row it committed.
  static func userId(
    slackId: String, teamId: String,
    query: (String, [any PostgresBindable]) throws -> [PostgresRow]
  ) throws -> Int64 {
    // Known physicians (the usual case) cost one read.
    let known = try query("SELECT id FROM users WHERE slack_id = $1", [slackId])
    if let row = known.first { return try row.int64("id") }
    let inserted = try query(
      """
      INSERT INTO users (username, slack_id) VALUES ($1, $2)
      ON CONFLICT DO NOTHING RETURNING id
      """, ["slack:\(teamId):\(slackId)", slackId])
    if let row = inserted.first { return try row.int64("id") }
    let found = try query("SELECT id FROM users WHERE slack_id = $1", [slackId])
    guard let row = found.first else { throw StoreError.notFound }
    return try row.int64("id")
  }

  /// Records that a delivery was acted on; false when it already was (a retry or duplicate).
  public func claimDelivery(_ deliveryId: String) throws -> Bool {
    let rows = try pool.query(
      """
      INSERT INTO slack_deliveries (delivery_id) VALUES ($1)
      ON CONFLICT (delivery_id) DO NOTHING RETURNING delivery_id
      """, [deliveryId])
    return !rows.isEmpty
  }

  /// Which of these deliveries were acted on already.
  public func knownDeliveries(_ deliveryIds: [String]) throws -> Set<String> {
    guard !deliveryIds.isEmpty else { return [] }
    let rows = try pool.query(
      "SELECT delivery_id FROM slack_deliveries WHERE delivery_id = ANY($1::text[])",
      [deliveryIds])
    return Set(try rows.map { try $0.string("delivery_id") })
  }

  /// Forgets a claimed delivery whose action failed, so Slack's retry can act on it.
  public func releaseDelivery(_ deliveryId: String) throws {
    try pool.execute("DELETE FROM slack_deliveries WHERE delivery_id = $1", [deliveryId])
  }

  /// Drops delivery records older than `seconds`; Slack's last retry comes after about 5 min.
  public func pruneDeliveries(olderThan seconds: Int) throws {
    try pool.execute(
      "DELETE FROM slack_deliveries WHERE received_at < now() - make_interval(secs => $1)",
      [seconds])
  }

  /// Sends the draft's card to `channelId` once the draft has something to show.
  public func attachCard(draftId: Int64, channelId: String) throws {
    try pool.execute(
      """
      INSERT INTO slack_cards (draft_id, channel_id) VALUES ($1, $2)
      ON CONFLICT (draft_id) DO NOTHING
      """, [draftId, channelId])
  }

  /// The card of a draft, if it has one.
  public func card(draftId: Int64) throws -> SlackCard? {
    try cards(where: "c.draft_id = $1", [draftId], limit: 1).first
  }

  /// Cards showing an older state than their draft's, oldest change first; drafts still being
  /// written have nothing to show yet.
  public func staleCards(limit: Int) throws -> [SlackCard] {
    try cards(
      where: """
        (c.shown_status IS DISTINCT FROM d.status OR c.shown_version IS DISTINCT FROM d.version)
        AND d.status NOT IN ('pending', 'generating')
        """, [], limit: limit)
  }

  /// Notes the state a card now shows (and its message ts once posted).
  public func markShown(draftId: Int64, status: DraftStatus, version: Int, messageTs: String?)
    throws
  {
    try pool.execute(
      """
      UPDATE slack_cards SET shown_status = $2, shown_version = $3,
        message_ts = COALESCE($4, message_ts), updated_at = now()
      WHERE draft_id = $1
      """, [draftId, status.rawValue, version, messageTs])
  }

  /// Failure notifications of drafts with cards that Slack has not been told about.
  public func undeliveredNotices(limit: Int) throws -> [SlackNotice] {
    let rows = try pool.query(
      """
      SELECT n.id AS notice_id, n.kind, c.channel_id, c.message_ts, d.*
      FROM notifications n JOIN slack_cards c ON c.draft_id = n.draft_id
      JOIN drafts d ON d.id = n.draft_id
      WHERE n.slack_delivered_at IS NULL AND n.kind IN ('draft_failed', 'publish_failed')
      ORDER BY n.id LIMIT $1
      """, [max(0, limit)])
    return try rows.map { row in
      SlackNotice(
        id: try row.int64("notice_id"), kind: try row.string("kind"), draft: try Draft(row: row),
        channelId: try row.string("channel_id"), messageTs: try row.decodeIfPresent("message_ts"))
    }
  }

  /// Marks a notification as delivered to Slack.
  public func markDelivered(noticeId: Int64) throws {
    try pool.execute(
      "UPDATE notifications SET slack_delivered_at = now() WHERE id = $1", [noticeId])
  }

  /// A user's newest drafts, for App Home.
  public func recentDrafts(userId: Int64, limit: Int) throws -> [Draft] {
    let rows = try pool.query(
      """
      SELECT \(Draft.columns) FROM drafts WHERE user_id = $1
      ORDER BY created_at DESC, id DESC LIMIT $2
      """, [userId, max(0, limit)])
    return try rows.map(Draft.init(row:))
  }

  private func cards(where condition: String, _ params: [any PostgresBindable], limit: Int)
    throws -> [SlackCard]
  {
    let rows = try pool.query(
      """
      SELECT c.channel_id, c.message_ts, d.* FROM slack_cards c JOIN drafts d ON d.id = c.draft_id
      WHERE \(condition) ORDER BY d.updated_at, d.id LIMIT \(max(0, limit))
      """, params)
    return try rows.map { row in
      SlackCard(
        draft: try Draft(row: row), channelId: try row.string("channel_id"),
        messageTs: try row.decodeIfPresent("message_ts"))
    }
  }
}

extension SlackStore {
  /// Points a draft's card at its physician's direct messages (their Slack user id); returns
  /// that id, or nil when the physician has none.
  public func moveCardToDirectMessage(draftId: Int64) throws -> String? {
    let rows = try pool.query(
      """
      UPDATE slack_cards c SET channel_id = u.slack_id FROM drafts d JOIN users u ON u.id = d.user_id
      WHERE c.draft_id = $1 AND d.id = c.draft_id AND u.slack_id IS NOT NULL
        AND c.channel_id <> u.slack_id
      RETURNING u.slack_id
      """, [draftId])
    return try rows.first?.string("slack_id")
  }
}

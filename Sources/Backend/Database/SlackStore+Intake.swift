import Postgres
import Shared

/// One `/draft` request as it is stored before Slack is answered.
public struct SlackDraftRequest: Sendable, Equatable {
  /// The validated topic, platform and source URL.
  public var request: CreateDraftRequest
  /// The Slack user and workspace asking.
  public var slackId: String
  public var teamId: String
  /// Where the draft's card goes.
  public var channelId: String
  /// Slack's delivery (the command's trigger id): a delivery seen before is not acted on again.
  public var deliveryId: String
  /// The id of the generation task about to be queued.
  public var taskId: String

  /// A request as `/draft` stores it.
  public init(
    request: CreateDraftRequest, slackId: String, teamId: String, channelId: String,
    deliveryId: String, taskId: String
  ) {
    self.request = request
    self.slackId = slackId
    self.teamId = teamId
    self.channelId = channelId
    self.deliveryId = deliveryId
    self.taskId = taskId
  }
}

extension SlackStore {
  /// What `/draft` stores before it answers, for a batch of requests at once: per request the
  /// delivery, the pending draft with the id of the task about to be queued, its "created"
  /// event and its card, all in ONE statement (data-modifying CTEs commit together, and a batch
  /// of requests shares the statement and its commit). The physicians are looked up (or
  /// created) first. One draft per request, in order; nil where the delivery was already acted
  /// on, including a delivery that comes twice in the batch.
  public func createDrafts(_ requests: [SlackDraftRequest]) throws -> [Draft?] {
    guard !requests.isEmpty else { return [] }
    let users = try self.userIds(requests)
    var seen = Set<String>()
    let fresh = requests.filter { seen.insert($0.deliveryId).inserted }
    let rows = try pool.query(
      SlackStore.insertDrafts,
      [
        fresh.map(\.deliveryId), fresh.map { users[$0.slackId] ?? 0 },
        fresh.map(\.request.topic), fresh.map(\.request.platform.rawValue),
        fresh.map { $0.request.sourceURL ?? "" }, fresh.map(\.taskId), fresh.map(\.slackId),
        fresh.map(\.channelId),
      ])
    var byTask: [String: Draft] = [:]
    for row in rows {
      byTask[try row.string("task_id")] = try Draft(row: row)
    }
    return requests.map { byTask.removeValue(forKey: $0.taskId) }
  }

  /// The Sera user of every Slack user in the batch: one read for the known ones, and the
  /// first-request path of `userId(slackId:teamId:query:)` for each new one.
  private func userIds(_ requests: [SlackDraftRequest]) throws -> [String: Int64] {
    let slackIds = Array(Set(requests.map(\.slackId)))
    var found: [String: Int64] = [:]
    for row in try pool.query(
      "SELECT slack_id, id FROM users WHERE slack_id = ANY($1::text[])", [slackIds])
    {
      found[try row.string("slack_id")] = try row.int64("id")
    }
    for request in requests where found[request.slackId] == nil {
      found[request.slackId] = try SlackStore.userId(
        slackId: request.slackId, teamId: request.teamId, query: pool.query)
    }
    return found
  }

  // The arrays are parallel, one element per request. A validated source URL is never empty,
  // so '' stands for "none" (a text[] parameter here carries no NULL elements).
  private static let insertDrafts = """
    WITH input AS (
      SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[],
        $6::text[], $7::text[], $8::text[])
        AS i(delivery_id, user_id, topic, platform, source_url, task_id, slack_id, channel_id)
    ), delivery AS (
      INSERT INTO slack_deliveries (delivery_id) SELECT delivery_id FROM input
      ON CONFLICT (delivery_id) DO NOTHING RETURNING delivery_id
    ), draft AS (
      INSERT INTO drafts (user_id, topic, platform, status, source_url, task_id)
      SELECT i.user_id, i.topic, i.platform, 'pending', NULLIF(i.source_url, ''), i.task_id
      FROM input i JOIN delivery d ON d.delivery_id = i.delivery_id
      RETURNING \(Draft.columns), task_id
    ), event AS (
      INSERT INTO draft_events (draft_id, actor_user_id, actor, action, to_status, detail)
      SELECT d.id, d.user_id, 'slack:' || i.slack_id, 'created', 'pending',
        'queued as task ' || d.task_id
      FROM draft d JOIN input i ON i.task_id = d.task_id
    ), card AS (
      INSERT INTO slack_cards (draft_id, channel_id)
      SELECT d.id, i.channel_id FROM draft d JOIN input i ON i.task_id = d.task_id
    )
    SELECT \(Draft.columns), task_id FROM draft
    """
}

import FoundationEssentials
import HTTPServer
import Postgres
import Redis
import Shared
import TestSupport

@testable import Backend

/// The API with the Slack app configured against a fake Slack, over a fresh database and queue.
final class SlackTestHarness: @unchecked Sendable {
  // Made-up values; the tests check that neither ever reaches Slack or a log.
  static let secret = "0123456789abcdef0123456789abcdef"
  static let botToken = "xoxb-test-bot-token-7f3a"

  let fake: FakeSlackServer
  let api: APIServer
  let postgres: PostgresPool
  let redis: RedisPool
  let configuration: Configuration
  let signer = SlackSignature(secret: SlackTestHarness.secret)
  let team = "T" + String(TaskQueue.newToken().prefix(8)).uppercased()

  init(botToken: String? = SlackTestHarness.botToken) throws {
    fake = try FakeSlackServer()
    var configuration = try Configuration(environment: [:])
    configuration.postgres = try TestDatabase.create()
    configuration.redis = TestRedis.settings()
    configuration.queueName = TestRedis.uniqueQueueName()
    configuration.environment = [
      "SLACK_SIGNING_SECRET": SlackTestHarness.secret, "SLACK_API_BASE_URL": fake.baseURL,
    ]
    configuration.environment["SLACK_BOT_TOKEN"] = botToken
    self.configuration = configuration
    postgres = PostgresPool(settings: configuration.postgres, maxConnections: 4)
    redis = RedisPool(settings: configuration.redis, commandTimeout: 2)
    api = APIServer(
      configuration: configuration, postgres: postgres, redis: redis,
      logger: Logger(level: .error, fileDescriptor: 2), metrics: MetricsRegistry())
  }

  deinit {
    fake.stop()
    postgres.closeIdle()
    TestDatabase.drop(configuration.postgres)
  }

  /// A request to `path` signed now (or `age` seconds ago) over exactly `body`.
  func signed(_ path: String, body: [UInt8], age: Int64 = 0) -> HTTPRequest {
    let stamp = String(SlackSignature.now() - age)
    return HTTPRequest(
      method: "POST", path: path,
      headers: [
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": stamp,
        "x-slack-signature": signer.sign(timestamp: stamp, body: body),
      ], body: body)
  }

  /// Sends a signed `/draft` (or another command) from a Slack user.
  func command(_ text: String, user: String = "U100", command: String = "/draft") -> HTTPResponse {
    let form = FormBody.encode([
      ("team_id", team), ("channel_id", "C100"), ("user_id", user), ("command", command),
      ("text", text), ("trigger_id", "trig." + TaskQueue.newToken()),
      ("response_url", "https://hooks.slack.com/commands/T/1/x"),
    ])
    return api.handle(signed("/slack/commands", body: Array(form.utf8)))
  }

  /// Sends a signed `/draft` with every form field given (nil leaves a field out).
  func command(fields: [(String, String?)]) -> HTTPResponse {
    let form = FormBody.encode(fields.compactMap { name, value in value.map { (name, $0) } })
    return api.handle(signed("/slack/commands", body: Array(form.utf8)))
  }

  /// A `view_submission` of one of the app's forms, from `user`; `values` holds each input's
  /// state by input id (Slack nests it under the block id, which the app's forms make the same).
  func submission(
    _ callbackId: String, viewId: String, metadata: String = "{}", user: String = "U100",
    values: [String: JSONValue]
  ) -> JSONValue {
    .object([
      "type": "view_submission",
      "user": .object(["id": .string(user), "team_id": .string(team)]),
      "view": .object([
        "id": .string(viewId), "callback_id": .string(callbackId),
        "private_metadata": .string(metadata),
        "state": .object([
          "values": .object(
            Dictionary(uniqueKeysWithValues: values.map { ($0.key, .object([$0.key: $0.value])) }))
        ]),
      ]),
    ])
  }

  /// Sends a signed interaction payload.
  func interaction(_ payload: JSONValue) throws -> HTTPResponse {
    let form = FormBody.encode([("payload", try SeraJSON.string(payload))])
    return api.handle(signed("/slack/interactions", body: Array(form.utf8)))
  }

  /// A `block_actions` click on the draft card's button: Slack's own payload (the bolt-python
  /// fixture) with this harness's team, the clicking user, the card's channel and the button.
  func click(_ action: String, value: String, user: String = "U100") throws -> JSONValue {
    let path = SlackTestHarness.fixture("block_actions_payload_bolt_python.json")
    guard let bytes = FileManager.default.contents(atPath: path) else {
      throw HarnessError.missingFixture(path)
    }
    guard case .object(var payload) = try SeraJSON.decode(JSONValue.self, from: Array(bytes)),
      case .object(var person)? = payload["user"], case .object(var team)? = payload["team"],
      case .object(var container)? = payload["container"],
      case .array(let actions)? = payload["actions"], case .object(var button)? = actions.first
    else { throw HarnessError.missingFixture(path) }
    person["id"] = .string(user)
    person["team_id"] = .string(self.team)
    team["id"] = .string(self.team)
    container["channel_id"] = "C100"
    container["message_ts"] = "1700000000.100001"
    container["is_ephemeral"] = false
    button["action_id"] = .string(action)
    button["block_id"] = "draft_actions"
    button["value"] = .string(value)
    button["action_ts"] = .string(TaskQueue.newToken())
    payload["user"] = .object(person)
    payload["team"] = .object(team)
    payload["container"] = .object(container)
    payload["channel"] = .object(["id": "C100"])
    payload["actions"] = .array([.object(button)])
    return .object(payload)
  }

  enum HarnessError: Error {
    case missingFixture(String)
  }

  /// A relay over this harness's database and fake Slack.
  func relay() -> SlackRelay {
    SlackRelay(
      pool: postgres, webAPI: SlackWebAPI(baseURL: fake.baseURL, token: SlackTestHarness.botToken),
      language: "en", logger: Logger(level: .error, fileDescriptor: 2))
  }

  func drafts() throws -> [Draft] {
    try DraftStore(pool: postgres).list(status: nil, limit: 500)
  }

  /// The task messages waiting on this harness's queue, oldest first.
  func queued() throws -> [TaskMessage] {
    let reply = try redis.checked(["LRANGE", configuration.queueName, "0", "-1"])
    return try reply.elements.reversed().compactMap { element -> TaskMessage? in
      guard case .string(let bytes) = element else { return nil }
      return try SeraJSON.decode(TaskMessage.self, from: bytes)
    }
  }

  /// The path of a file in Tests/Fixtures/slack.
  static func fixture(_ name: String) -> String {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/") + "/Fixtures/slack/" + name
  }
}

extension HTTPResponse {
  /// The body as JSON.
  var slackJSON: JSONValue? { try? SeraJSON.decode(JSONValue.self, from: body) }
}

import Backend
import FoundationEssentials
import HTTPServer
import Postgres
import Redis
import Shared
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// An API over a fresh database and its own queue name, with one token per role.
final class APITestHarness {
  let api: APIServer
  let postgres: PostgresPool
  let redis: RedisPool
  let configuration: Configuration
  let physician: String
  let oncall: String
  let operatorToken: String
  private let logPipe: (read: Int32, write: Int32)

  /// `redisPort` points Redis elsewhere (a closed port) to see the API without it.
  init(redisPort: UInt16? = nil, knowledgeBase: String? = nil) throws {
    var configuration = try Configuration(environment: [:])
    if let knowledgeBase { configuration.knowledgeBaseDirectory = knowledgeBase }
    configuration.postgres = try TestDatabase.create()
    configuration.redis = TestRedis.settings()
    if let redisPort { configuration.redis.port = redisPort }
    configuration.queueName = TestRedis.uniqueQueueName()
    // Port 1 is privileged and unused: the worker and scheduler probes fail at once.
    configuration.workerMetricsPort = 1
    configuration.schedulerMetricsPort = 1
    self.configuration = configuration
    postgres = PostgresPool(settings: configuration.postgres, maxConnections: 3)
    redis = RedisPool(settings: configuration.redis, commandTimeout: 2)
    let tokens = TokenStore(pool: postgres)
    physician = try tokens.create(username: "dr_ada", role: .physician, label: "test")
    oncall = try tokens.create(username: "sam_oncall", role: .oncall, label: "test")
    operatorToken = try tokens.create(username: "ops_kim", role: .operator, label: "test")
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw HarnessError.pipe }
    _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
    logPipe = (fds[0], fds[1])
    let logger = Logger(level: .info, fileDescriptor: fds[1])
    api = APIServer(
      configuration: configuration, postgres: postgres, redis: redis, logger: logger,
      metrics: MetricsRegistry())
  }

  deinit {
    close(logPipe.read)
    close(logPipe.write)
    postgres.closeIdle()
    TestDatabase.drop(configuration.postgres)
  }

  /// Sends a request straight to the API, with a bearer token when given.
  func send(
    _ method: String, _ path: String, token: String? = nil, query: [String: String] = [:],
    json: String? = nil
  ) -> HTTPResponse {
    var headers: [String: String] = [:]
    if let token { headers["authorization"] = "Bearer \(token)" }
    if json != nil { headers["content-type"] = "application/json" }
    return api.handle(
      HTTPRequest(
        method: method, path: path, query: query, headers: headers, body: Array((json ?? "").utf8)))
  }

  /// Everything logged so far.
  func logged() -> String {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(logPipe.read, &buffer, buffer.count)
      if count <= 0 { break }
      out += buffer[0..<count]
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The task messages waiting on this harness's queue, oldest first.
  func queuedMessages() throws -> [TaskMessage] {
    let reply = try redis.checked(["LRANGE", configuration.queueName, "0", "-1"])
    return try reply.elements.reversed().compactMap { element -> TaskMessage? in
      guard case .string(let bytes) = element else { return nil }
      return try SeraJSON.decode(TaskMessage.self, from: bytes)
    }
  }

  /// A draft moved to `generated`, as the worker would leave it.
  func generatedDraft() throws -> Draft {
    let drafts = DraftStore(pool: postgres)
    let users = UserStore(pool: postgres)
    let draft = try drafts.create(
      userId: try users.ensure(username: "dr_ada"), topic: "Sleep and blood pressure",
      platform: .telegram, sourceURL: nil)
    return try drafts.transition(
      id: draft.id, from: [.pending], to: .generated, expectedVersion: nil, actor: "worker",
      actorUserId: nil, detail: nil, changes: DraftChanges(content: "Sleep matters."),
      bumpVersion: true)
  }

  enum HarnessError: Error {
    case pipe
  }
}

extension HTTPResponse {
  /// The body decoded as an API error.
  var apiError: APIErrorBody? { try? SeraJSON.decode(APIErrorBody.self, from: body) }

  /// The value of a header, by case-insensitive name.
  func header(_ name: String) -> String? {
    headers.first { $0.0.lowercased() == name.lowercased() }?.1
  }
}

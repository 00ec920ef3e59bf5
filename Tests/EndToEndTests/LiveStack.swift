import Foundation
import HTTPClient
import Shared
import TestSupport

/// A whole Sera deployment for one test: its own database, its own Redis, and real `sera serve`,
/// `sera worker` and `sera scheduler` processes on free loopback ports.
final class LiveStack: @unchecked Sendable {
  let root: URL
  let binDirectory: String
  let workDirectory: String
  let outboxDirectory: String
  let database: PostgresSettings
  let redisPort: UInt16
  let httpPort: UInt16
  let environment: [String: String]
  private(set) var redis: ManagedProcess?
  private(set) var services: [String: ManagedProcess] = [:]
  private let client = HTTPClient(timeoutSeconds: 10)

  var baseURL: String { "http://127.0.0.1:\(httpPort)" }

  /// `extraEnvironment` adds variables for every process (Slack settings, say).
  init(extraEnvironment: [String: String] = [:]) throws {
    root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    binDirectory =
      ProcessInfo.processInfo.environment["SERA_BIN_DIR"] ?? root.path + "/.build/debug"
    workDirectory = NSTemporaryDirectory() + "sera-e2e-" + UUID().uuidString.prefix(8)
    outboxDirectory = workDirectory + "/outbox"
    try FileManager.default.createDirectory(
      atPath: outboxDirectory, withIntermediateDirectories: true)
    database = try TestDatabase.create()
    redisPort = freeLoopbackPort()
    httpPort = freeLoopbackPort()
    var env = ProcessInfo.processInfo.environment
    env["POSTGRES_HOST"] = database.host
    env["POSTGRES_PORT"] = String(database.port)
    env["POSTGRES_USER"] = database.user
    env["POSTGRES_DB"] = database.database
    env["REDIS_HOST"] = "127.0.0.1"
    env["REDIS_PORT"] = String(redisPort)
    env["SERA_HTTP_PORT"] = String(httpPort)
    env["METRICS_PORT"] = String(freeLoopbackPort())
    env["SCHEDULER_METRICS_PORT"] = String(freeLoopbackPort())
    env["SERA_OUTBOX_DIR"] = outboxDirectory
    env["SERA_KNOWLEDGE_BASE"] = root.path + "/knowledge_base"
    env["SWIFT_BACKTRACE"] = "enable=no"
    env.merge(extraEnvironment) { _, added in added }
    environment = env
    try startRedis()
  }

  /// Starts (or restarts) this stack's Redis on its port.
  func startRedis() throws {
    redis = try ManagedProcess(
      name: "redis-\(UUID().uuidString.prefix(4))", executable: "/usr/bin/redis-server",
      arguments: [
        "--port", String(redisPort), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no",
      ],
      environment: environment, logDirectory: workDirectory)
    guard waitUntil(seconds: 10, { redisAnswers() }) else {
      throw StackError.notReady("redis", redis?.log() ?? "")
    }
  }

  func stopRedis() { redis?.stop(signal: SIGKILL, seconds: 5) }

  func redisAnswers() -> Bool {
    (try? redisCLI(["PING"]))?.trimmingCharacters(in: .whitespacesAndNewlines) == "PONG"
  }

  /// Runs `redis-cli` against this stack's Redis and returns what it printed.
  func redisCLI(_ arguments: [String]) throws -> String {
    try runCommand(
      "/usr/bin/redis-cli", ["-p", String(redisPort)] + arguments,
      environment: environment
    ).output
  }

  /// Runs a `sera` subcommand to completion.
  func sera(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
    try runCommand(binDirectory + "/sera", arguments, environment: environment)
  }

  /// Migrates, indexes the bundled knowledge base and starts backend, worker and scheduler.
  func start() throws {
    for step in [["migrate", "up"], ["reindex"]] {
      let result = try sera(step)
      guard result.status == 0 else {
        throw StackError.commandFailed(step, result.output + result.errors)
      }
    }
    for (name, command) in [("backend", "serve"), ("worker", "worker"), ("scheduler", "scheduler")]
    {
      services[name] = try ManagedProcess(
        name: name, executable: binDirectory + "/sera", arguments: [command],
        environment: environment, logDirectory: workDirectory)
    }
    guard waitUntil(seconds: 20, { (try? health().status) == 200 }) else {
      throw StackError.notReady("backend", services["backend"]?.log() ?? "")
    }
  }

  /// Creates an API token for a new user with the given role.
  func token(role: Role) throws -> String {
    let result = try sera([
      "token", "create", "--role", role.rawValue, "--user", "e2e-\(role.rawValue)",
    ])
    guard result.status == 0 else {
      throw StackError.commandFailed(["token"], result.output + result.errors)
    }
    return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func health() throws -> HTTPClientResponse {
    try client.send(method: "GET", url: baseURL + "/health", headers: [], body: nil)
  }

  /// Sends an API request with a bearer token (or none) and returns the raw response.
  func request(
    _ method: String, _ path: String, token: String?, body: (some Encodable)? = nil as String?
  )
    throws -> HTTPClientResponse
  {
    var headers: [(String, String)] = [("Content-Type", "application/json")]
    if let token { headers.append(("Authorization", "Bearer " + token)) }
    let bytes = try body.map { try SeraJSON.encode($0) }
    return try client.send(method: method, url: baseURL + path, headers: headers, body: bytes)
  }

  /// Sends an API request and decodes a 2xx answer.
  func call<T: Decodable>(
    _ type: T.Type, _ method: String, _ path: String, token: String,
    body: (some Encodable)? = nil as String?
  ) throws -> T {
    let response = try request(method, path, token: token, body: body)
    guard (200..<300).contains(response.status) else {
      throw StackError.http(response.status, String(decoding: response.body, as: UTF8.self))
    }
    return try SeraJSON.decode(T.self, from: response.body)
  }

  /// Every service log, for a failing test's message.
  func logs() -> String {
    services.map { "--- \($0.key)\n" + $0.value.log().suffix(3000) }.joined(separator: "\n")
  }

  func shutdown() {
    for service in services.values { service.stop() }
    stopRedis()
    TestDatabase.drop(database)
    try? FileManager.default.removeItem(atPath: workDirectory)
  }
}

enum StackError: Error, CustomStringConvertible {
  case notReady(String, String)
  case commandFailed([String], String)
  case http(Int, String)

  var description: String {
    switch self {
    case .notReady(let name, let log): return "\(name) did not become ready:\n\(log.suffix(3000))"
    case .commandFailed(let words, let output):
      return "sera \(words.joined(separator: " ")) failed:\n\(output.suffix(3000))"
    case .http(let status, let body): return "HTTP \(status): \(body)"
    }
  }
}

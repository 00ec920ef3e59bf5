import Backend
import Foundation
import HTTPClient
import Postgres
import Redis
import Shared

/// A `sera worker` or `sera scheduler` process started by a queue test, with its metrics port.
struct QueueProcess {
  let process: ManagedProcess
  let metricsPort: UInt16
}

/// Queue helpers: processes with short lease timing, drafts written straight to the test
/// database, messages pushed straight onto the stack's Redis.
extension LiveStack {
  /// Timing short enough that a lost lease is noticed in seconds: a 3 s lease renewed every
  /// second, a re-drive sweep every 2 s for drafts untouched for 3 s.
  static let shortQueueTiming = [
    "SERA_LEASE_SECONDS": "3", "SERA_HEARTBEAT_SECONDS": "1", "SERA_GRACE_SECONDS": "15",
    "SERA_SCHEDULER_PERIOD_SECONDS": "2", "SERA_REDRIVE_AGE_SECONDS": "3",
  ]

  /// The stack's queue, as the processes see it.
  var queue: TaskQueue {
    TaskQueue(
      redis: RedisPool(settings: RedisSettings(host: "127.0.0.1", port: redisPort)),
      name: "seratonin_tasks", leaseDuration: 3)
  }

  /// The stack's database, for rows the tests set up and check.
  var postgres: PostgresPool { PostgresPool(settings: database) }

  /// Starts `sera worker` or `sera scheduler` with short timing, its own metrics port and
  /// `extra` variables; waits until its `/health` answers.
  func launch(_ command: String, name: String, extra: [String: String] = [:]) throws
    -> QueueProcess
  {
    let port = freeLoopbackPort()
    var env = environment.merging(LiveStack.shortQueueTiming) { $1 }
    env[command == "worker" ? "METRICS_PORT" : "SCHEDULER_METRICS_PORT"] = String(port)
    env.merge(extra) { $1 }
    let process = try ManagedProcess(
      name: name, executable: binDirectory + "/sera", arguments: [command], environment: env,
      logDirectory: workDirectory)
    let started = QueueProcess(process: process, metricsPort: port)
    guard waitUntil(seconds: 20, { (try? fetch(started, "/health").status) != nil }) else {
      throw StackError.notReady(name, process.log())
    }
    return started
  }

  /// GETs a path of a queue process's metrics server.
  func fetch(_ service: QueueProcess, _ path: String) throws -> (status: Int, body: String) {
    let response = try HTTPClient(timeoutSeconds: 5).send(
      method: "GET", url: "http://127.0.0.1:\(service.metricsPort)\(path)", headers: [],
      body: nil)
    return (response.status, String(decoding: response.body, as: UTF8.self))
  }

  /// Indexes the bundled knowledge base, which draft generation retrieves from.
  func indexKnowledgeBase() throws {
    let result = try sera(["reindex"])
    guard result.status == 0 else {
      throw StackError.commandFailed(["reindex"], result.output + result.errors)
    }
  }

  /// Inserts `count` drafts of one user straight into the database; returns their ids.
  func insertDrafts(
    count: Int, status: DraftStatus, content: String? = nil, scheduledAt: String? = nil
  ) throws -> [Int64] {
    let user = try postgres.query(
      "INSERT INTO users (username) VALUES ('queue-e2e') ON CONFLICT (username)"
        + " DO UPDATE SET username = excluded.username RETURNING id")[0].int64("id")
    let rows = try postgres.query(
      """
      INSERT INTO drafts (user_id, topic, status, content, scheduled_at, platform)
      SELECT $1, 'sleep hygiene for shift workers ' || n, $2, $3, $4::timestamptz, 'telegram'
      FROM generate_series(1, $5) AS n RETURNING id
      """, [user, status.rawValue, content, scheduledAt, count])
    return try rows.map { try $0.int64("id") }.sorted()
  }

  /// Queues `generate_draft` for each draft and stores its task id, as the API does.
  func queueGeneration(_ draftIds: [Int64]) throws -> [Int64: String] {
    var tasks: [Int64: String] = [:]
    for id in draftIds {
      let message = TaskMessage(
        taskName: TaskName.generateDraft, labels: ["timeout": "60"],
        kwargs: ["draft_id": .string(String(id))])
      try queue.enqueue(message)
      _ = try postgres.query(
        "UPDATE drafts SET task_id = $2 WHERE id = $1", [id, message.taskId])
      tasks[id] = message.taskId
    }
    return tasks
  }

  /// The statuses of the given drafts, by id.
  func statuses(_ draftIds: [Int64]) throws -> [Int64: String] {
    let rows = try postgres.query(
      "SELECT id, status FROM drafts WHERE id = ANY($1::bigint[])", [draftIds.map(String.init)])
    var found: [Int64: String] = [:]
    for row in rows { found[try row.int64("id")] = try row.string("status") }
    return found
  }
}

/// A Redis on the stack's port that writes every command to an append-only file, so it can be
/// shut down and started again with its data.
final class DurableRedis {
  let stack: LiveStack
  let directory: String
  private var process: ManagedProcess?

  init(stack: LiveStack) throws {
    self.stack = stack
    self.directory = stack.workDirectory + "/redis-aof"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try start()
  }

  func start() throws {
    process = try ManagedProcess(
      name: "redis-aof-\(UUID().uuidString.prefix(4))", executable: "/usr/bin/redis-server",
      arguments: [
        "--port", String(stack.redisPort), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "yes", "--appendfsync", "always", "--dir", directory,
      ],
      environment: stack.environment, logDirectory: stack.workDirectory)
    guard waitUntil(seconds: 10, { stack.redisAnswers() }) else {
      throw StackError.notReady("redis", process?.log() ?? "")
    }
  }

  /// Shuts Redis down as an operator would; the append-only file keeps every write.
  func stop() throws {
    _ = try stack.redisCLI(["SHUTDOWN"])
    _ = process?.stop(signal: SIGTERM, seconds: 10)
  }

  deinit { _ = process?.stop(signal: SIGKILL, seconds: 5) }
}

extension LiveStack {
  /// Replaces the stack's Redis (which keeps nothing on disk) by a durable one on its port.
  func restartRedisWithAppendOnlyFile() throws -> DurableRedis {
    stopRedis()
    _ = waitUntil(seconds: 5) { !redisAnswers() }
    return try DurableRedis(stack: self)
  }

  /// The given task ids that have a result or a dead letter.
  func settledTasks(_ ids: Set<String>) throws -> Set<String> {
    let queue = self.queue
    var settled = Set(try queue.deadLetters(limit: TaskQueue.deadLetterLimit).compactMap(\.taskId))
    settled.formIntersection(ids)
    for id in ids where !settled.contains(id) {
      if try queue.result(taskId: id) != nil { settled.insert(id) }
    }
    return settled
  }
}

import FoundationEssentials
import Redis
import Shared

/// A reliable task queue on Redis in Taskiq's wire format: LPUSH to enqueue, BLMOVE into a
/// worker's own processing list to fetch, a lease that a heartbeat renews, and token-checked
/// Lua scripts to finish, so a worker that lost its lease cannot overwrite the new owner's outcome.
public final class TaskQueue: Sendable {
  /// The label carrying how many retries a message has had; Taskiq's retry middlewares use it.
  public static let retriesLabel = "_retries"
  /// How long a result stays readable, as the architecture requires (one hour).
  public static let resultTTLSeconds = 3600
  /// The dead list keeps at most this many entries (Sidekiq's morgue keeps the same).
  public static let deadLetterLimit = 10_000
  /// A task whose lease is lost more often than this is dead: it likely kills its worker.
  public static let maxLeaseLosses = 3
  /// How long the presence marker of a task and a draft's task id live, renewed at each retry
  /// or requeue: a day, far beyond any backlog the runbook tolerates. A task left waiting
  /// longer may be re-driven once more, which idempotent handlers make harmless.
  public static let trackingTTLSeconds = 86_400

  /// Where the queue lives.
  public let redis: RedisPool
  /// The list name, `seratonin_tasks` by default.
  public let name: String
  /// How long a lease lasts unless renewed, in seconds.
  public let leaseDuration: Double
  let keys: QueueKeys

  /// A queue on the given list; leases last `leaseDuration` seconds unless renewed.
  public init(redis: RedisPool, name: String, leaseDuration: Double = 30) {
    self.redis = redis
    self.name = name
    self.leaseDuration = leaseDuration
    self.keys = QueueKeys(queue: name)
  }

  /// The keys of this queue that have no expiry (exact names, or prefixes ending in `:`);
  /// each is bounded as `QueueKeys` notes.
  public var unexpiringKeys: [String] { keys.unexpiring }

  /// Puts a message at the back of the queue and marks its task present, so the scheduler's
  /// re-drive can tell a lost task from a waiting one.
  public func enqueue(_ message: TaskMessage) throws {
    try self.enqueue([message])
  }

  /// Queues several messages in order with one script run, so one round trip for a batch.
  public func enqueue(_ messages: [TaskMessage]) throws {
    guard !messages.isEmpty else { return }
    var keys = [name]
    var args = [String(TaskQueue.trackingTTLSeconds)]
    for message in messages {
      let marker = self.keys.task(message.taskId)
      keys += [marker, TaskQueue.draftTaskKey(message) ?? marker]
      args += [try SeraJSON.string(message), message.taskId]
    }
    _ = try QueueScripts.enqueue.run(on: redis, keys: keys, args: args)
  }

  /// Queues a draft's generation again unless its task is still somewhere in Redis; true
  /// when it queued.
  public func redrive(_ message: TaskMessage) throws -> Bool {
    guard let draftKey = TaskQueue.draftTaskKey(message) else { return false }
    let reply = try QueueScripts.redrive.run(
      on: redis, keys: [name, draftKey],
      args: [
        try SeraJSON.string(message), message.taskId, String(TaskQueue.trackingTTLSeconds), name,
      ])
    return reply.int == 1
  }

  /// The draft's task id record, for `generate_draft` messages only.
  static func draftTaskKey(_ message: TaskMessage) -> String? {
    guard message.taskName == TaskName.generateDraft,
      case .string(let text) = message.kwargs["draft_id"], let draftId = Int64(text)
    else { return nil }
    return QueueKeys.draftTask(draftId)
  }

  /// How many messages wait, run, wait for a retry, and are dead.
  public func counts() throws -> QueueCounts {
    try redis.withConnection { connection throws(RedisError) in
      func count(_ args: [String]) throws(RedisError) -> Int {
        Int(try connection.command(args).checked(args[0]).int ?? 0)
      }
      return QueueCounts(
        depth: try count(["LLEN", name]), inFlight: try count(["ZCARD", keys.leases]),
        delayed: try count(["ZCARD", keys.delayed]), dead: try count(["LLEN", keys.dead]))
    }
  }

  /// The final outcome of a task, if it finished within the last hour.
  public func result(taskId: String) throws -> TaskResult? {
    guard case .string(let bytes) = try redis.checked(["GET", QueueKeys.result(taskId)]) else {
      return nil
    }
    return try SeraJSON.decode(TaskResult.self, from: bytes)
  }

  /// Waits up to `blockSeconds` for a message, moves it into the worker's processing list and
  /// leases it; nil when none came.
  public func fetch(workerId: String, blockSeconds: Double) throws -> FetchedTask? {
    let processing = keys.processing(workerId)
    let reply = try redis.withConnection { connection throws(RedisError) in
      try connection.blockingCommand(
        ["BLMOVE", name, processing, "RIGHT", "LEFT", String(blockSeconds)],
        blockSeconds: blockSeconds
      ).checked("BLMOVE")
    }
    guard let payload = reply.text else { return nil }
    guard let message = try? SeraJSON.decode(TaskMessage.self, from: Array(payload.utf8)) else {
      try bury(payload: payload, processing: processing)
      return .buried(reason: "message is not a Taskiq JSON message")
    }
    let lease = TaskLease(
      payload: payload, message: message, token: TaskQueue.newToken(), workerId: workerId)
    _ = try QueueScripts.lease.run(
      on: redis, keys: [keys.leases, keys.lease(message.taskId)],
      args: [
        message.taskId, String(nowMs() + ms(leaseDuration)), lease.token, workerId, payload,
        String(leaseHashTTLms),
      ])
    return .leased(lease)
  }

  /// Extends the lease; false when the lease was lost (expired and taken by the reaper).
  public func renew(_ lease: TaskLease) throws -> Bool {
    let reply = try QueueScripts.renew.run(
      on: redis, keys: [keys.leases, keys.lease(lease.message.taskId)],
      args: [
        lease.message.taskId, lease.token, String(nowMs() + ms(leaseDuration)),
        String(leaseHashTTLms),
      ])
    return reply.int == 1
  }

  /// Stores the run id of the attempt with its lease, so a reaper can mark the run lost.
  public func noteRun(_ lease: TaskLease, runId: Int64) throws {
    _ = try QueueScripts.noteRun.run(
      on: redis, keys: [keys.lease(lease.message.taskId)], args: [lease.token, String(runId)])
  }

  private func bury(payload: String, processing: String) throws {
    let letter = DeadLetter(
      taskId: nil, taskName: nil, message: payload,
      reason: "message is not a Taskiq JSON message", attempts: nil)
    _ = try QueueScripts.bury.run(
      on: redis, keys: [processing, keys.dead],
      args: [payload, try SeraJSON.string(letter), String(TaskQueue.deadLetterLimit)])
  }

  /// The lease hash outlives the lease by far: the ZSET decides expiry, the hash TTL only
  /// bounds what a vanished queue would leave behind.
  var leaseHashTTLms: Int64 { ms(leaseDuration) * 10 + 3_600_000 }

  static func newToken() -> String {
    let high = String(UInt64.random(in: .min ... .max), radix: 16)
    let low = String(UInt64.random(in: .min ... .max), radix: 16)
    return high + "-" + low
  }
}

/// Milliseconds since 1970, the score unit of the lease and delay sets.
func nowMs() -> Int64 {
  Int64((Date().timeIntervalSince1970 * 1000).rounded())
}

func ms(_ seconds: Double) -> Int64 {
  Int64((seconds * 1000).rounded())
}

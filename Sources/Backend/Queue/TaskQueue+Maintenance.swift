import FoundationEssentials
import Redis
import Shared

/// A lease the reaper found expired.
public struct ReapedLease: Sendable, Equatable {
  public var taskId: String
  /// The run id the worker noted, if any, so the attempt can be marked lost.
  public var runId: Int64?
  /// True when the message went to the dead list (lost too often) instead of the queue.
  public var dead: Bool
  /// The message as it was stored ('' when its lease vanished with it).
  public var payload: String = ""
}

extension TaskQueue {
  /// Retries promoted per script call, so one call never blocks Redis for long.
  static let maintenanceBatch = 500

  /// Moves every retry that is due back to the queue; returns how many moved.
  @discardableResult
  public func promoteDueRetries() throws -> Int {
    var total = 0
    while true {
      let moved =
        try QueueScripts.promote.run(
          on: redis, keys: [keys.delayed, name],
          args: [String(nowMs()), String(TaskQueue.maintenanceBatch)]
        ).int ?? 0
      total += Int(moved)
      if moved < TaskQueue.maintenanceBatch { return total }
    }
  }

  /// Returns messages whose lease expired to the queue, and the unleased messages of workers
  /// that stopped beating; a live worker's messages are never touched.
  public func reap() throws -> [ReapedLease] {
    let reply = try QueueScripts.reap.run(
      on: redis, keys: [keys.leases, name, keys.dead],
      args: [
        String(nowMs()), name, String(TaskQueue.maintenanceBatch), String(TaskQueue.maxLeaseLosses),
        String(TaskQueue.deadLetterLimit), Date().formatted(.iso8601),
        String(TaskQueue.resultTTLSeconds), String(TaskQueue.trackingTTLSeconds),
      ])
    let flat: [String] = reply.elements.map { $0.text ?? "" }
    var reaped: [ReapedLease] = []
    for index in stride(from: 0, to: flat.count - 3, by: 4) {
      let dead = flat[index + 2] == "dead"
      reaped.append(
        ReapedLease(
          taskId: flat[index], runId: Int64(flat[index + 1]), dead: dead,
          payload: flat[index + 3]))
    }
    try recoverOrphans()
    return reaped
  }

  /// Marks a worker alive for `ttl` seconds and lists it as owner of a processing list.
  public func beat(workerId: String, ttl: Double) throws {
    try redis.withConnection { connection throws(RedisError) in
      try connection.command(["SADD", keys.workers, workerId]).checked("SADD")
      try connection.command(["SET", keys.heartbeat(workerId), "1", "PX", String(ms(ttl))])
        .checked("SET")
    }
  }

  /// Ends a worker's heartbeat and returns whatever is left in its processing list unleased.
  public func retire(workerId: String) throws {
    try redis.checked(["DEL", keys.heartbeat(workerId)])
    try recover(workerId: workerId)
  }

  /// Requeues the dead letter of one task; returns how many copies moved (0 or 1).
  @discardableResult
  public func requeueDead(taskId: String) throws -> Int {
    let reply = try QueueScripts.requeueDead.run(
      on: redis, keys: [keys.dead, name],
      args: [taskId, name, String(TaskQueue.trackingTTLSeconds)])
    return Int(reply.int ?? 0)
  }

  /// Requeues every dead letter in one step; returns how many moved.
  @discardableResult
  public func requeueAllDead() throws -> Int {
    try requeueDead(taskId: "")
  }

  /// The newest dead letters, newest first.
  public func deadLetters(limit: Int = 100) throws -> [DeadLetter] {
    let reply = try redis.checked(["LRANGE", keys.dead, "0", String(max(limit, 1) - 1)])
    return reply.elements.compactMap { entry in
      guard case .string(let bytes) = entry else { return nil }
      return try? SeraJSON.decode(DeadLetter.self, from: bytes)
    }
  }

  private func recoverOrphans() throws {
    let workers = try redis.checked(["SMEMBERS", keys.workers]).elements.compactMap(\.text)
    for workerId in workers { try recover(workerId: workerId) }
  }

  private func recover(workerId: String) throws {
    _ = try QueueScripts.recoverOrphans.run(
      on: redis,
      keys: [keys.heartbeat(workerId), keys.processing(workerId), name, keys.workers],
      args: [workerId, name])
  }
}

import FoundationEssentials
import Redis
import Shared

extension TaskQueue {
  /// How an attempt ended, as the finish script records it.
  enum FinishMode: String {
    case ack
    case retry
    case dead
    case release
  }

  /// Records success and writes the result; false when the lease was lost meanwhile.
  public func complete(_ lease: TaskLease, value: JSONValue, executionTime: Double) throws -> Bool {
    let result = TaskResult(
      isErr: false, returnValue: value, executionTime: executionTime,
      labels: TaskQueue.typedLabels(lease.message))
    return try finish(lease, mode: .ack, result: result)
  }

  /// Schedules the next attempt `delay` seconds from now with `_retries` raised by one; false
  /// when the lease was lost meanwhile.
  public func retry(_ lease: TaskLease, after delay: Double) throws -> Bool {
    var next = lease.message
    next.labels[TaskQueue.retriesLabel] = String(lease.attempt)
    next.labelsTypes?[TaskQueue.retriesLabel] = TaskLabelType.int.rawValue
    return try finish(
      lease, mode: .retry, retryPayload: try SeraJSON.string(next),
      dueMs: nowMs() + ms(delay))
  }

  /// Writes the failure result and a dead letter; false when the lease was lost meanwhile.
  public func bury(
    _ lease: TaskLease, reason: String, errorType: String, executionTime: Double
  ) throws -> Bool {
    let result = TaskResult(
      isErr: true, executionTime: executionTime, labels: TaskQueue.typedLabels(lease.message),
      error: TaskError(type: errorType, message: reason))
    var fresh = lease.message
    fresh.labels.removeValue(forKey: TaskQueue.retriesLabel)
    fresh.labelsTypes?.removeValue(forKey: TaskQueue.retriesLabel)
    let letter = DeadLetter(
      taskId: lease.message.taskId, taskName: lease.message.taskName,
      message: try SeraJSON.string(fresh), reason: reason, attempts: lease.attempt)
    return try finish(lease, mode: .dead, result: result, deadEntry: try SeraJSON.string(letter))
  }

  /// Gives the message back to the front of the queue untouched (worker shutdown); false when
  /// the lease was lost meanwhile.
  public func release(_ lease: TaskLease) throws -> Bool {
    try finish(lease, mode: .release)
  }

  private func finish(
    _ lease: TaskLease, mode: FinishMode, result: TaskResult? = nil, retryPayload: String = "",
    dueMs: Int64 = 0, deadEntry: String = ""
  ) throws -> Bool {
    let taskId = lease.message.taskId
    let resultJSON = try result.map { try SeraJSON.string($0) } ?? ""
    let reply = try QueueScripts.finish.run(
      on: redis,
      keys: [
        keys.processing(lease.workerId), keys.leases, keys.lease(taskId), QueueKeys.result(taskId),
        keys.delayed, keys.dead, name, keys.task(taskId),
      ],
      args: [
        lease.token, mode.rawValue, taskId, lease.payload, resultJSON,
        String(TaskQueue.resultTTLSeconds), retryPayload, String(dueMs), deadEntry,
        String(TaskQueue.deadLetterLimit), String(TaskQueue.trackingTTLSeconds),
      ])
    return reply.int == 1
  }

  /// Labels with the types `labels_types` gives them, as Taskiq's result stores them.
  static func typedLabels(_ message: TaskMessage) -> [String: JSONValue] {
    var typed: [String: JSONValue] = [:]
    for (name, text) in message.labels {
      switch message.labelsTypes?[name].flatMap(TaskLabelType.init(rawValue:)) {
      case .int: typed[name] = Int64(text).map(JSONValue.int) ?? .string(text)
      case .float: typed[name] = Double(text).map(JSONValue.double) ?? .string(text)
      case .bool: typed[name] = .bool(text.lowercased() == "true")
      default: typed[name] = .string(text)
      }
    }
    return typed
  }
}

import Shared

/// A message a worker took from the queue, and the lease that proves it still owns it.
public struct TaskLease: Sendable, Equatable {
  /// The message as stored in Redis, byte for byte (processing-list entries are matched by it).
  public let payload: String
  /// The decoded message.
  public let message: TaskMessage
  /// A random token only this attempt knows; finishing checks it.
  public let token: String
  /// The worker whose processing list holds the payload.
  public let workerId: String

  /// The 1-based attempt number, from the `_retries` label.
  public var attempt: Int { (message.intLabel(TaskQueue.retriesLabel) ?? 0) + 1 }
}

/// What one fetch from the queue produced.
public enum FetchedTask: Sendable {
  /// A message that now has a lease.
  case leased(TaskLease)
  /// A message that could not be decoded; it is already on the dead list.
  case buried(reason: String)
}

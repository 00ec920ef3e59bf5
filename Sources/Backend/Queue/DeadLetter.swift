import FoundationEssentials
import Shared

/// An entry of the dead list: the message (ready to requeue), why it died, and when.
public struct DeadLetter: Codable, Sendable, Equatable {
  /// The task id, when the message could be read.
  public var taskId: String?
  public var taskName: String?
  /// The message as it would be requeued (retry count reset), or the raw payload if unreadable.
  public var message: String
  public var reason: String
  /// ISO 8601 time of death.
  public var failedAt: String
  /// How many attempts ran, when known.
  public var attempts: Int?

  enum CodingKeys: String, CodingKey {
    case taskId = "task_id"
    case taskName = "task_name"
    case message
    case reason
    case failedAt = "failed_at"
    case attempts
  }

  /// A dead letter written now.
  public init(
    taskId: String?, taskName: String?, message: String, reason: String, attempts: Int?,
    at date: Date = Date()
  ) {
    self.taskId = taskId
    self.taskName = taskName
    self.message = message
    self.reason = reason
    self.failedAt = date.formatted(.iso8601)
    self.attempts = attempts
  }
}

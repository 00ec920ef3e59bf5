import FoundationEssentials
import Shared
import Synchronization

/// Code that runs one kind of task, such as `generate_draft`.
public protocol TaskHandler: Sendable {
  /// The task name it answers to.
  var name: String { get }
  /// How long one attempt may run before it counts as failed.
  var timeout: Duration { get }
  /// Runs one attempt; throws `TaskFailure.permanent` for failures a retry cannot fix.
  func run(_ message: TaskMessage, context: TaskContext) throws -> JSONValue
  /// Called once when the task has failed for good (retries spent, or a permanent failure).
  func finalFailure(_ message: TaskMessage, reason: String)
}

extension TaskHandler {
  /// By default nothing happens on final failure.
  public func finalFailure(_ message: TaskMessage, reason: String) {}
}

/// A failure a handler reports on purpose.
public enum TaskFailure: Error, CustomStringConvertible, Equatable {
  /// Retrying cannot help (bad input, a draft in the wrong state): dead at once.
  case permanent(String)

  public var description: String {
    switch self {
    case .permanent(let reason): return reason
    }
  }
}

/// What a handler knows about the attempt it runs.
public final class TaskContext: Sendable {
  /// 1 for the first attempt, 2 for the first retry, ...
  public let attempt: Int
  /// Where the handler logs; lines carry the task id and name.
  public let logger: Logger
  private let cancelled = Atomic<Bool>(false)
  private let progressSink: @Sendable (String) -> Void

  /// A context for one attempt; `progress` receives the handler's progress JSON.
  public init(
    attempt: Int, logger: Logger, progress: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.attempt = attempt
    self.logger = logger
    self.progressSink = progress
  }

  /// Whether the attempt timed out or the worker is shutting down; long handlers should check
  /// it between steps, because a thread cannot be stopped from outside.
  public func isCancelled() -> Bool {
    cancelled.load(ordering: .acquiring)
  }

  /// Reports progress as a JSON string (for example the reindex progress).
  public func progress(_ json: String) {
    progressSink(json)
  }

  func cancel() {
    cancelled.store(true, ordering: .releasing)
  }
}

/// The built-in `noop` task: returns its kwargs; for benchmarks and tests.
public struct NoopTaskHandler: TaskHandler {
  /// The task name `noop`.
  public let name = "noop"
  /// One second is far more than returning the kwargs takes.
  public let timeout: Duration = .seconds(1)

  /// A no-op handler.
  public init() {}

  /// Returns the message's kwargs unchanged.
  public func run(_ message: TaskMessage, context: TaskContext) throws -> JSONValue {
    .object(message.kwargs)
  }
}

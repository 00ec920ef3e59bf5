import FoundationEssentials
import Shared
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

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

/// The built-in `noop` task: returns its kwargs, after sleeping `sleep_seconds` (if given) to
/// stand in for work in benchmarks and shutdown tests.
public struct NoopTaskHandler: TaskHandler {
  /// The longest sleep a message may ask for, well inside the timeout.
  public static let maxSleepSeconds = 30.0

  /// The task name `noop`.
  public let name = "noop"
  /// Room for the longest sleep plus scheduling delays.
  public let timeout: Duration = .seconds(60)

  /// A no-op handler.
  public init() {}

  /// Sleeps as asked (stopping early when cancelled), then returns the kwargs unchanged.
  public func run(_ message: TaskMessage, context: TaskContext) throws -> JSONValue {
    let asked: Double
    switch message.kwargs["sleep_seconds"] {
    case .int(let value)?: asked = Double(value)
    case .double(let value)?: asked = value
    default: asked = 0
    }
    let deadline = ContinuousClock.now + .seconds(min(max(asked, 0), Self.maxSleepSeconds))
    while ContinuousClock.now < deadline && !context.isCancelled() {
      usleep(20_000)
    }
    return .object(message.kwargs)
  }
}

import FoundationEssentials

/// A task on the Redis list, in the JSON shape Taskiq's `JSONFormatter` writes, so a Taskiq producer
/// could enqueue and `redis-cli` shows something a Taskiq user recognises.
public struct TaskMessage: Codable, Sendable, Equatable {
  /// 32 lowercase hex characters; the same across every retry of one task.
  public var taskId: String
  public var taskName: String
  /// Taskiq sends every label value as a string, with its type in `labelsTypes`.
  public var labels: [String: String]
  public var labelsTypes: [String: Int]?
  public var args: [JSONValue]
  public var kwargs: [String: JSONValue]

  enum CodingKeys: String, CodingKey {
    case taskId = "task_id"
    case taskName = "task_name"
    case labels
    case labelsTypes = "labels_types"
    case args
    case kwargs
  }

  public init(
    taskId: String = TaskMessage.newTaskId(), taskName: String, labels: [String: String] = [:],
    labelsTypes: [String: Int]? = nil, args: [JSONValue] = [], kwargs: [String: JSONValue] = [:]
  ) {
    self.taskId = taskId
    self.taskName = taskName
    self.labels = labels
    self.labelsTypes = labelsTypes ?? labels.mapValues { _ in TaskLabelType.string.rawValue }
    self.args = args
    self.kwargs = kwargs
  }

  /// A fresh task id: a random UUID as 32 lowercase hex digits, as Taskiq's `uuid4().hex`.
  public static func newTaskId() -> String {
    UUID().uuidString.lowercased().filter { $0 != "-" }
  }

  /// Whether a string has the task id shape (32 lowercase hex digits).
  public static func isValidTaskId(_ id: String) -> Bool {
    id.utf8.count == 32 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
  }

  /// An integer label, such as `timeout` or `_retries`.
  public func intLabel(_ name: String) -> Int? {
    labels[name].flatMap { Int($0) ?? Double($0).map { Int($0) } }
  }
}

/// Taskiq's `LabelType` codes, sent in `labels_types`.
public enum TaskLabelType: Int, Sendable {
  case any = 1
  case int = 2
  case string = 3
  case float = 4
  case bool = 5
  case bytes = 6
}

/// The names of the tasks Sera's worker runs.
public enum TaskName {
  public static let generateDraft = "generate_draft"
  public static let publishPost = "publish_post"
  public static let reindex = "reindex_knowledge_base"
}

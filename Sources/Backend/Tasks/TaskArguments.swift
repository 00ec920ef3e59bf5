import Shared

/// Reading the kwargs Sera's tasks share.
enum TaskArguments {
  /// The `draft_id` kwarg (a number, or a decimal string as Taskiq producers send it).
  static func draftId(_ message: TaskMessage) throws -> Int64 {
    guard let id = message.kwargs["draft_id"]?.intValue else {
      throw TaskFailure.permanent("\(message.taskName): kwarg draft_id missing or not a number")
    }
    return id
  }
}

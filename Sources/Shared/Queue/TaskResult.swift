/// The outcome stored at `taskiq:result:<task_id>`, in the shape of Taskiq's `TaskiqResult` with the
/// JSON serializer, so `redis-cli GET` shows readable JSON and never a pickle.
public struct TaskResult: Codable, Sendable, Equatable {
  public var isErr: Bool
  public var log: String?
  public var returnValue: JSONValue
  /// Seconds, rounded to two decimals as Taskiq does.
  public var executionTime: Double
  public var labels: [String: JSONValue]
  public var error: TaskError?

  enum CodingKeys: String, CodingKey {
    case isErr = "is_err"
    case log
    case returnValue = "return_value"
    case executionTime = "execution_time"
    case labels
    case error
  }

  public init(
    isErr: Bool, returnValue: JSONValue = .null, executionTime: Double,
    labels: [String: JSONValue] = [:], error: TaskError? = nil
  ) {
    self.isErr = isErr
    self.log = nil
    self.returnValue = returnValue
    self.executionTime = (executionTime * 100).rounded() / 100
    self.labels = labels
    self.error = error
  }

  // Taskiq writes `log` and `error` as explicit nulls; keep them so readers see every field.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(isErr, forKey: .isErr)
    try container.encode(log, forKey: .log)
    try container.encode(returnValue, forKey: .returnValue)
    try container.encode(executionTime, forKey: .executionTime)
    try container.encode(labels, forKey: .labels)
    try container.encode(error, forKey: .error)
  }
}

/// A failure in the shape of Taskiq's `ExceptionRepr`, carrying Sera's own error kind and message.
public struct TaskError: Codable, Sendable, Equatable {
  public var excType: String
  public var excMessage: [String]
  public var excModule: String

  enum CodingKeys: String, CodingKey {
    case excType = "exc_type"
    case excMessage = "exc_message"
    case excModule = "exc_module"
  }

  public init(type: String, message: String, module: String = "sera") {
    self.excType = type
    self.excMessage = [message]
    self.excModule = module
  }
}

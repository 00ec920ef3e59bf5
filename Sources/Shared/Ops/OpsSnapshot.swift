import FoundationEssentials

/// Everything the on-call view shows at one moment, computed by the backend from PostgreSQL and Redis.
public struct OpsSnapshot: Codable, Sendable, Equatable {
  public var generatedAt: Date
  public var services: [ServiceHealth]
  public var queue: QueueCounts
  public var tasksLastHour: Int
  public var failedTasksLastHour: Int
  /// Failed attempts over all attempts finished in the last hour, 0...1.
  public var failureRateLastHour: Double
  public var p95TaskDurationSeconds: Double?
  public var llmCostTodayUSD: Double
  public var llmCostMonthUSD: Double
  public var llmCallsLast5m: Int
  /// Failed LLM calls over all LLM calls in the last five minutes, 0...1.
  public var llmErrorRateLast5m: Double
  /// Recent samples, oldest first, for sparklines; may be empty.
  public var history: [OpsSample]
  /// Notifications for people, such as a draft that failed after its retries.
  public var notifications: [Notification]

  public init(
    generatedAt: Date = Date(), services: [ServiceHealth], queue: QueueCounts,
    tasksLastHour: Int, failedTasksLastHour: Int, failureRateLastHour: Double,
    p95TaskDurationSeconds: Double?, llmCostTodayUSD: Double, llmCostMonthUSD: Double,
    llmCallsLast5m: Int, llmErrorRateLast5m: Double, history: [OpsSample] = [],
    notifications: [Notification] = []
  ) {
    self.generatedAt = generatedAt
    self.services = services
    self.queue = queue
    self.tasksLastHour = tasksLastHour
    self.failedTasksLastHour = failedTasksLastHour
    self.failureRateLastHour = failureRateLastHour
    self.p95TaskDurationSeconds = p95TaskDurationSeconds
    self.llmCostTodayUSD = llmCostTodayUSD
    self.llmCostMonthUSD = llmCostMonthUSD
    self.llmCallsLast5m = llmCallsLast5m
    self.llmErrorRateLast5m = llmErrorRateLast5m
    self.history = history
    self.notifications = notifications
  }
}

/// How many tasks wait, run, wait for a retry, or gave up.
public struct QueueCounts: Codable, Sendable, Equatable {
  public var depth: Int
  public var inFlight: Int
  public var delayed: Int
  public var dead: Int

  public init(depth: Int, inFlight: Int, delayed: Int, dead: Int) {
    self.depth = depth
    self.inFlight = inFlight
    self.delayed = delayed
    self.dead = dead
  }
}

/// One point of the ops history the scheduler samples.
public struct OpsSample: Codable, Sendable, Equatable {
  public var at: Date
  public var queueDepth: Int
  public var failureRate: Double
  public var p95Seconds: Double?
  public var llmCostTodayUSD: Double
  public var llmErrorRate: Double

  public init(
    at: Date, queueDepth: Int, failureRate: Double, p95Seconds: Double?, llmCostTodayUSD: Double,
    llmErrorRate: Double
  ) {
    self.at = at
    self.queueDepth = queueDepth
    self.failureRate = failureRate
    self.p95Seconds = p95Seconds
    self.llmCostTodayUSD = llmCostTodayUSD
    self.llmErrorRate = llmErrorRate
  }
}

/// A message for a person, shown in the dashboard (and later sent to Slack).
public struct Notification: Codable, Sendable, Equatable {
  public var id: Int64
  public var draftId: Int64?
  public var kind: String
  public var message: String
  public var createdAt: Date

  public init(id: Int64, draftId: Int64?, kind: String, message: String, createdAt: Date) {
    self.id = id
    self.draftId = draftId
    self.kind = kind
    self.message = message
    self.createdAt = createdAt
  }
}

/// The runbook's alert thresholds, in one place so the dashboard, alerts and tests agree.
public enum RunbookThresholds {
  /// Alert "taskiq_task_failures_total > 5% over 1 hour".
  public static let taskFailureRate = 0.05
  /// Alert "Taskiq queue depth > 100 tasks".
  public static let queueDepth = 100
  /// Alert "Task duration p95 > 60s for generate_draft".
  public static let generateDraftP95Seconds = 60.0
  /// Alert "LLM request error rate > 10% over 5 minutes".
  public static let llmErrorRate = 0.10
}

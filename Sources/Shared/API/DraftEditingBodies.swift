import FoundationEssentials

/// `POST /api/v1/drafts/{id}/edit`: the physician's own text, validated again by the server.
public struct DraftEditRequest: Codable, Sendable, Equatable {
  /// The version the physician edited, so an edit of a stale text is refused.
  public var version: Int
  public var content: String

  public init(version: Int, content: String) {
    self.version = version
    self.content = content
  }
}

/// `POST /api/v1/drafts/{id}/schedule`: publish later, at a time in the future.
public struct DraftScheduleRequest: Codable, Sendable, Equatable {
  public var version: Int
  public var scheduledAt: Date
  /// Where to publish; the draft's own platform when absent.
  public var platforms: [Platform]?

  public init(version: Int, scheduledAt: Date, platforms: [Platform]? = nil) {
    self.version = version
    self.scheduledAt = scheduledAt
    self.platforms = platforms
  }
}

/// One entry of the dead list as the dashboard shows it.
public struct DeadTask: Codable, Sendable, Equatable {
  public var taskId: String?
  public var taskName: String?
  public var reason: String
  /// ISO 8601 time of death, as the dead list stores it.
  public var failedAt: String
  public var attempts: Int?

  public init(
    taskId: String?, taskName: String?, reason: String, failedAt: String, attempts: Int?
  ) {
    self.taskId = taskId
    self.taskName = taskName
    self.reason = reason
    self.failedAt = failedAt
    self.attempts = attempts
  }
}

/// `GET /api/v1/queue`: the counts and the newest dead tasks.
public struct QueueOverview: Codable, Sendable, Equatable {
  public var counts: QueueCounts
  public var dead: [DeadTask]

  public init(counts: QueueCounts, dead: [DeadTask]) {
    self.counts = counts
    self.dead = dead
  }
}

/// `POST /api/v1/queue/dead/requeue`: how many dead tasks went back to the queue.
public struct RequeueResult: Codable, Sendable, Equatable {
  public var requeued: Int

  public init(requeued: Int) {
    self.requeued = requeued
  }
}

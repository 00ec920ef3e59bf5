import FoundationEssentials

/// `POST /api/v1/drafts`: ask for a new draft.
public struct CreateDraftRequest: Codable, Sendable, Equatable {
  public var topic: String
  public var platform: Platform
  public var sourceURL: String?

  enum CodingKeys: String, CodingKey {
    case topic
    case platform
    case sourceURL = "source_url"
  }

  public init(topic: String, platform: Platform, sourceURL: String? = nil) {
    self.topic = topic
    self.platform = platform
    self.sourceURL = sourceURL
  }

  /// The longest topic accepted, as the replaced system's `drafts.topic varchar(255)`.
  public static let maxTopicLength = 255

  /// A topic's length as `varchar` counts it: in Unicode code points, so an emoji family or an
  /// accent written as a combining mark counts more than once.
  public static func length(ofTopic topic: String) -> Int {
    topic.unicodeScalars.count
  }
}

/// The answer to a request that queued a task.
public struct QueuedDraft: Codable, Sendable, Equatable {
  public var draft: Draft
  public var taskId: String

  public init(draft: Draft, taskId: String) {
    self.draft = draft
    self.taskId = taskId
  }
}

/// `GET /api/v1/drafts`.
public struct DraftList: Codable, Sendable, Equatable {
  public var drafts: [Draft]

  public init(drafts: [Draft]) {
    self.drafts = drafts
  }
}

/// The body of approve, reject and publish: the version the user saw, so a stale click is refused.
public struct DraftActionRequest: Codable, Sendable, Equatable {
  public var version: Int
  /// Why the draft was rejected; kept as feedback.
  public var reason: String?
  /// Where to publish; the draft's own platform when absent.
  public var platforms: [Platform]?

  public init(version: Int, reason: String? = nil, platforms: [Platform]? = nil) {
    self.version = version
    self.reason = reason
    self.platforms = platforms
  }
}

/// `GET /api/v1/me`: who the token belongs to.
public struct WhoAmI: Codable, Sendable, Equatable {
  public var userId: Int64
  public var username: String
  public var role: Role

  public init(userId: Int64, username: String, role: Role) {
    self.userId = userId
    self.username = username
    self.role = role
  }
}

/// Progress of a knowledge-base reindex, as the dashboard's progress bar shows it.
public struct ReindexProgress: Codable, Sendable, Equatable {
  public enum State: String, Codable, Sendable {
    case idle
    case queued
    case running
    case done
    case failed
  }

  public var state: State
  public var taskId: String?
  public var documentsDone: Int
  public var documentsTotal: Int
  public var chunksDone: Int
  public var chunksTotal: Int
  public var startedAt: Date?
  public var updatedAt: Date?
  public var message: String?

  public init(
    state: State, taskId: String? = nil, documentsDone: Int = 0, documentsTotal: Int = 0,
    chunksDone: Int = 0, chunksTotal: Int = 0, startedAt: Date? = nil, updatedAt: Date? = nil,
    message: String? = nil
  ) {
    self.state = state
    self.taskId = taskId
    self.documentsDone = documentsDone
    self.documentsTotal = documentsTotal
    self.chunksDone = chunksDone
    self.chunksTotal = chunksTotal
    self.startedAt = startedAt
    self.updatedAt = updatedAt
    self.message = message
  }
}

/// Every error the API returns: what went wrong and what the caller can do.
public struct APIErrorBody: Codable, Sendable, Equatable {
  public var error: String
  public var detail: String

  public init(error: String, detail: String) {
    self.error = error
    self.detail = detail
  }
}

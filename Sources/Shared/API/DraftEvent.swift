import FoundationEssentials

/// One step in a draft's history: who did what, and how the status moved.
public struct DraftEvent: Codable, Sendable, Equatable {
  public var id: Int64
  public var draftId: Int64
  /// `physician:<username>`, `worker`, `scheduler`, ...
  public var actor: String
  /// `created`, `generating`, `generated`, `approved`, `rejected`, `published`, ...
  public var action: String
  public var fromStatus: DraftStatus?
  public var toStatus: DraftStatus?
  public var detail: String?
  public var createdAt: Date

  public init(
    id: Int64, draftId: Int64, actor: String, action: String, fromStatus: DraftStatus?,
    toStatus: DraftStatus?, detail: String?, createdAt: Date
  ) {
    self.id = id
    self.draftId = draftId
    self.actor = actor
    self.action = action
    self.fromStatus = fromStatus
    self.toStatus = toStatus
    self.detail = detail
    self.createdAt = createdAt
  }
}

/// `GET /api/v1/drafts/{id}/events`.
public struct DraftEvents: Codable, Sendable, Equatable {
  public var events: [DraftEvent]

  public init(events: [DraftEvent]) {
    self.events = events
  }
}

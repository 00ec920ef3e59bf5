import Foundation
import Shared

/// A draft with its history, as the detail pane shows it.
public struct DraftDetail: Sendable, Equatable {
  public var draft: Draft
  public var events: [DraftEvent]

  /// A detail of a draft and its events.
  public init(draft: Draft, events: [DraftEvent]) {
    self.draft = draft
    self.events = events
  }
}

/// The result of an action, shown once in the status line.
public struct ActionOutcome: Sendable, Equatable {
  /// Increases with every outcome, so the UI shows each one exactly once.
  public var sequence: Int
  public var message: String
  public var isError: Bool
  /// The draft the action created, so the list can select it.
  public var createdDraftId: Int64?
}

/// An immutable picture of everything the client fetched, handed from the client to the UI.
public struct DashboardData: Sendable, Equatable {
  public var backendURL: String
  public var whoAmI: WhoAmI?
  /// Services from `/health`, or backend DOWN plus the client's own probes.
  public var health = Feed<[ServiceHealth]>()
  /// True when `/health` answered at all.
  public var backendReachable = true
  public var ops = Feed<OpsSnapshot>()
  public var drafts = Feed<[Draft]>()
  public var detail = Feed<DraftDetail>()
  public var reindex: ReindexProgress?
  /// Queue counts and the newest dead tasks, from `/api/v1/queue`.
  public var queue = Feed<QueueOverview>()
  public var lastUpdate: Date?
  public var outcome: ActionOutcome?
  /// A problem not tied to one panel, e.g. a missing token.
  public var notice: String?

  /// Empty data for a backend URL.
  public init(backendURL: String) {
    self.backendURL = backendURL
  }
}

import Foundation
import Shared

/// Everything the screen shows and the keys change; pure, so tests drive it without a terminal.
public struct DashboardState: Sendable {
  public private(set) var data: DashboardData
  public let readOnly: Bool
  /// The selected draft, by id: a refresh that reorders the list never moves the cursor.
  public private(set) var selectedId: Int64?
  /// Where the selection was last seen, used when the draft vanishes from the list.
  private var lastIndex = 0
  public var focus: Pane = .drafts
  public var detailScroll = 0
  public var modal: Modal?
  public var screen: Screen = .review
  /// Only drafts of this status are listed, when set.
  public var statusFilter: DraftStatus?
  /// Only drafts whose topic or text contains this (case-insensitive) are listed.
  public var search = ""
  public private(set) var status = ""
  public private(set) var statusIsError = false
  private var shownOutcome = 0

  /// A state for a backend URL, before any data arrived.
  public init(backendURL: String, readOnly: Bool) {
    self.data = DashboardData(backendURL: backendURL)
    self.readOnly = readOnly
  }

  /// The gate for the current mode and role.
  public var gate: AccessGate { AccessGate(readOnly: readOnly, role: data.whoAmI?.role) }

  /// Drafts as listed, newest first (the server's order, so it is stable), filtered.
  public var drafts: [Draft] {
    let all = data.drafts.value ?? []
    guard statusFilter != nil || !search.isEmpty else { return all }
    let needle = search.lowercased()
    return all.filter { draft in
      (statusFilter == nil || draft.status == statusFilter)
        && (needle.isEmpty || draft.topic.lowercased().contains(needle)
          || (draft.content ?? "").lowercased().contains(needle))
    }
  }

  /// Index of the selected draft in the list.
  public var selectedIndex: Int? { drafts.firstIndex { $0.id == selectedId } }

  /// The selected draft, from the list.
  public var selectedDraft: Draft? { selectedIndex.map { drafts[$0] } }

  /// Takes a new snapshot; keeps the selection on the same draft id.
  public mutating func apply(_ new: DashboardData) -> [Effect] {
    data = new
    var effects: [Effect] = []
    if let outcome = new.outcome, outcome.sequence > shownOutcome {
      shownOutcome = outcome.sequence
      say(outcome.message, isError: outcome.isError)
      // A new draft becomes the selection, and the client must hear of it to fetch its detail.
      if let created = outcome.createdDraftId, created != selectedId {
        selectedId = created
        effects.append(.select(created))
      }
    }
    return effects + followSelection()
  }

  /// Shows a line in the status line.
  public mutating func say(_ message: String, isError: Bool = false) {
    status = message
    statusIsError = isError
  }

  /// Moves the selection by `delta` rows in the list.
  mutating func moveSelection(by delta: Int) -> [Effect] {
    guard !drafts.isEmpty else { return [] }
    let current = selectedIndex ?? 0
    let target = min(max(0, current + delta), drafts.count - 1)
    return select(index: target)
  }

  mutating func select(index: Int) -> [Effect] {
    let id = drafts.isEmpty ? nil : drafts[index].id
    lastIndex = index
    guard id != selectedId else { return [] }
    selectedId = id
    detailScroll = 0
    return [.select(id)]
  }

  mutating func followSelection() -> [Effect] {
    if let index = selectedIndex {
      lastIndex = index
      return []
    }
    guard !drafts.isEmpty else {
      if selectedId == nil { return [] }
      selectedId = nil
      return [.select(nil)]
    }
    // The draft left the list (or nothing was selected): take the row where the cursor was.
    return select(index: min(lastIndex, drafts.count - 1))
  }
}

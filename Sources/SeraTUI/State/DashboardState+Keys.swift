import Shared

extension DashboardState {
  /// Rows PgUp/PgDn move.
  static let pageSize = 10

  /// Handles one key: an open dialog takes it first, then the key registry.
  public mutating func handle(_ key: Key) -> [Effect] {
    if let modal {
      return handle(key, in: modal)
    }
    guard let binding = KeyRegistry.binding(for: key) else {
      return []  // Unbound keys (Esc, Backspace, Delete, stray y) do nothing in the main view.
    }
    if let refusal = gate.refusal(for: binding) {
      say(refusal, isError: true)
      return []
    }
    return run(binding.command)
  }

  /// Runs a command the gate let through.
  mutating func run(_ command: Command) -> [Effect] {
    switch command {
    case .moveDown: return move(by: 1)
    case .moveUp: return move(by: -1)
    case .pageDown: return move(by: Self.pageSize)
    case .pageUp: return move(by: -Self.pageSize)
    case .switchPane:
      focus = focus == .drafts ? .detail : .drafts
      return []
    case .newDraft:
      modal = .newDraft(DraftForm())
      return []
    case .approve, .reject, .publish:
      return startDraftAction(command)
    case .reindex:
      return request(.reindex)
    case .refresh:
      say(Strings.refreshing)
      return [.refreshNow]
    case .help:
      modal = .help
      return []
    case .quit:
      return [.quit]
    }
  }

  /// The one path every action takes: gate, then confirmation, then the client.
  public mutating func request(_ action: Action) -> [Effect] {
    if let refusal = gate.refusal(for: KeyRegistry.binding(for: action.command)) {
      say(refusal, isError: true)
      return []
    }
    if action.needsConfirmation, modal != .confirm(action) {
      modal = .confirm(action)
      return []
    }
    modal = nil
    say(Strings.Status.sending(action))
    return [.perform(action)]
  }

  private mutating func move(by delta: Int) -> [Effect] {
    if focus == .detail {
      detailScroll = max(0, detailScroll + delta)
      return []
    }
    return moveSelection(by: delta)
  }

  private mutating func startDraftAction(_ command: Command) -> [Effect] {
    guard let draft = selectedDraft else {
      say(Strings.Status.noDraftSelected, isError: true)
      return []
    }
    switch command {
    case .approve:
      guard DraftStatus.approvable.contains(draft.status) else {
        say(Strings.Status.notApprovable(draft.id, draft.status), isError: true)
        return []
      }
      return request(.approve(draftId: draft.id, version: draft.version))
    case .reject:
      guard DraftStatus.rejectable.contains(draft.status) else {
        say(Strings.Status.notRejectable(draft.id, draft.status), isError: true)
        return []
      }
      modal = .rejectReason(draftId: draft.id, version: draft.version, reason: "")
      return []
    default:
      guard DraftStatus.publishable.contains(draft.status) else {
        say(Strings.Status.notPublishable(draft.id, draft.status), isError: true)
        return []
      }
      let topic = UntrustedText.line(draft.topic)
      return request(
        .publish(draftId: draft.id, version: draft.version, platform: draft.platform, topic: topic))
    }
  }
}

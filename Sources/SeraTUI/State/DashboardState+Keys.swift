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
      return []  // Unbound keys (Backspace, Delete, a stray y) do nothing in the main view.
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
    case .first: return moveSelection(by: -drafts.count)
    case .last: return moveSelection(by: drafts.count)
    case .nextDraft: return moveSelection(by: 1)
    case .previousDraft: return moveSelection(by: -1)
    case .switchPane:
      focus = focus == .drafts ? .detail : .drafts
      return []
    case .toggleView:
      screen = screen == .review ? .ops : .review
      return []
    case .back: return back()
    case .search:
      modal = .input(TextPrompt(.search, text: search))
      return []
    case .filter: return cycleFilter()
    case .newDraft:
      modal = .newDraft(DraftForm())
      return []
    case .approve, .reject, .edit, .regenerate, .schedule, .publish, .retry, .forgetStyle:
      return startDraftAction(command)
    case .reindex: return request(.reindex)
    case .requeueDead: return request(.requeueDead)
    case .refresh:
      say(Strings.refreshing)
      return [.refreshNow]
    case .help:
      modal = .help
      return []
    case .quit: return [.quit]
    }
  }

  /// The one path every action takes: gate, then confirmation, then the client.
  public mutating func request(_ action: Action) -> [Effect] {
    if let refusal = gate.refusal(for: KeyRegistry.binding(for: action.command)) {
      modal = nil
      say(refusal, isError: true)
      return []
    }
    if action.needsConfirmation, modal != .confirm(action) {
      modal = .confirm(action)
      return []
    }
    modal = nil
    say(Strings.Status.sending(action.summary))
    return [.perform(action)] + advance(after: action)
  }

  /// The text from `$EDITOR` goes the same way as any other action.
  public mutating func finishEdit(draftId: Int64, version: Int, text: String?) -> [Effect] {
    guard let text, !text.trimmed().isEmpty else {
      say(Strings.Status.unchanged)
      return []
    }
    return request(.edit(draftId: draftId, version: version, content: text))
  }

  /// Mail-reader style: after a verdict on a draft, the cursor moves on to the next one.
  private mutating func advance(after action: Action) -> [Effect] {
    switch action {
    case .approve, .reject: return moveSelection(by: 1)
    default: return []
    }
  }

  private mutating func back() -> [Effect] {
    if screen == .ops {
      screen = .review
    } else {
      search = ""
      statusFilter = nil
    }
    return followSelection()
  }

  private mutating func cycleFilter() -> [Effect] {
    let all: [DraftStatus?] = [nil] + DraftStatus.allCases.map { $0 }
    let index = all.firstIndex(of: statusFilter) ?? 0
    statusFilter = all[(index + 1) % all.count]
    return followSelection()
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
    guard Self.allowed(command).contains(draft.status) else {
      let label = KeyRegistry.binding(for: command).label
      say(Strings.Status.notAllowed(draft.id, draft.status.rawValue, label), isError: true)
      return []
    }
    let (id, version) = (draft.id, draft.version)
    switch command {
    case .approve: return request(.approve(draftId: id, version: version))
    case .retry: return request(.retry(draftId: id, version: version))
    case .forgetStyle: return request(.forgetStyle(draftId: id))
    case .edit: return [.openEditor(draftId: id, version: version, text: draft.content ?? "")]
    case .reject: modal = .input(TextPrompt(.rejectReason(draftId: id, version: version)))
    case .regenerate: modal = .input(TextPrompt(.regenerateNote(draftId: id, version: version)))
    default:
      modal = .platforms(
        PlatformPick(
          draftId: id, version: version, topic: UntrustedText.line(draft.topic),
          chosen: [draft.platform], forSchedule: command == .schedule))
    }
    return []
  }

  /// The statuses each draft command starts from, as the server checks them.
  static func allowed(_ command: Command) -> [DraftStatus] {
    switch command {
    case .approve: return DraftStatus.approvable
    case .reject: return DraftStatus.rejectable
    case .regenerate: return DraftStatus.regenerable
    case .schedule: return [.approved, .scheduled]
    case .retry: return [.failed]
    case .forgetStyle: return [.published]
    case .edit: return [.generated, .approved, .scheduled, .rejected, .publishFailed]
    default: return DraftStatus.publishable
    }
  }
}

import Shared

/// The drafts list: id, status as text, platform, sanitised topic; the selection is reverse video.
enum DraftListView {
  static func draw(_ state: DashboardState, in rect: Rect, into screen: inout ScreenBuffer) {
    let feed = state.data.drafts
    let focused = state.focus == .drafts && state.modal == nil
    let filter = Strings.filter(
      state.statusFilter?.rawValue, search: UntrustedText.line(state.search))
    let title = Strings.drafts + (filter.isEmpty ? "" : " [" + filter + "]")
    screen.box(rect, title: PanelTitle.text(title, feed: feed), style: focused ? .title : .border)
    let inner = rect.inner
    let drafts = state.drafts
    guard !drafts.isEmpty else {
      let text =
        feed.value == nil
        ? (feed.error.map(UntrustedText.line) ?? Strings.loading)
        : (feed.value?.isEmpty == false ? Strings.noMatch : Strings.noDrafts)
      screen.line(text, in: inner, row: 0, style: .dim)
      return
    }
    let top = firstRow(selected: state.selectedIndex ?? 0, count: drafts.count, rows: inner.height)
    for row in 0..<min(inner.height, drafts.count - top) {
      let draft = drafts[top + row]
      let selected = draft.id == state.selectedId
      let style: Style = selected ? .selected : (feed.isStale ? .stale : .normal)
      if selected { screen.cursor = .init(row: inner.row + row, column: rect.column) }
      screen.line(line(for: draft, width: inner.width), in: inner, row: row, style: style)
    }
  }

  /// The first visible row, keeping the selection on screen.
  static func firstRow(selected: Int, count: Int, rows: Int) -> Int {
    guard rows > 0, count > rows else { return 0 }
    return min(max(0, selected - rows / 2), count - rows)
  }

  static func line(for draft: Draft, width: Int) -> String {
    let id = TextWidth.fit("#\(draft.id)", to: 6)
    let status = TextWidth.fit(label(of: draft.status), to: 11)
    let platform = TextWidth.fit(draft.platform.displayName, to: 9)
    let used = 6 + 11 + 9
    return id + status + platform
      + TextWidth.truncate(UntrustedText.line(draft.topic), to: width - used)
  }

  /// Status words that fit ten columns.
  static func label(of status: DraftStatus) -> String {
    status == .publishFailed ? "pub-failed" : status.rawValue
  }
}

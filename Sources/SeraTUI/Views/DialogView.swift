import Shared

/// Dialogs drawn over the main view: help, the new-draft form, the reject reason, confirmations.
enum DialogView {
  static func draw(
    _ modal: Modal, state: DashboardState, layout: Layout, into screen: inout ScreenBuffer
  ) {
    switch modal {
    case .help:
      let lines = helpLines(for: state.gate)
      panel(Strings.Dialog.helpTitle, lines.map { ($0, .normal) }, layout: layout, into: &screen)
    case .newDraft(let form):
      let focus = DraftForm.Field.allCases.firstIndex(of: form.field) ?? 0
      panel(
        Strings.Dialog.newTitle, formLines(form), focus: focus, layout: layout, into: &screen)
    case .input(let prompt):
      let (title, label, hint) = words(for: prompt.purpose)
      panel(
        title,
        [
          (label + UntrustedText.line(prompt.text) + "_", .input), ("", .normal), (hint, .dim),
        ], layout: layout, into: &screen)
    case .platforms(let pick):
      let boxes = Platform.allCases.map { p in
        (pick.chosen.contains(p) ? "[x] " : "[ ] ") + p.displayName
      }
      panel(
        Strings.Dialog.publishTitle + " #\(pick.draftId)",
        [
          (boxes.joined(separator: "  "), .input), ("", .normal),
          (Strings.Dialog.publishHint, .dim),
        ], layout: layout, into: &screen)
    case .confirm(let action):
      let width = min(66, layout.width - 6)
      let text = TextWidth.wrap(
        UntrustedText.line(question(for: action, lastReindex: state.data.reindex)), to: width)
      panel(
        Strings.Dialog.confirmTitle,
        text.map { ($0, .normal) } + [
          ("", .normal),
          (Strings.Dialog.confirmButtons, .selected),
        ], focus: text.count + 1, layout: layout, into: &screen)
    }
  }

  static func formLines(_ form: DraftForm) -> [(String, Style)] {
    let marker = { (field: DraftForm.Field) in form.field == field ? "> " : "  " }
    let platforms = Platform.allCases.map { p in
      p == form.platform ? "[\(p.displayName)]" : " \(p.displayName) "
    }
    return [
      (marker(.topic) + Strings.Dialog.topicLabel + UntrustedText.line(form.topic) + "_", .input),
      (marker(.platform) + Strings.Dialog.platformLabel + platforms.joined(separator: " "), .input),
      (marker(.sourceURL) + Strings.Dialog.urlLabel + UntrustedText.line(form.sourceURL), .input),
      ("", .normal), (Strings.Dialog.newHint, .dim),
    ]
  }

  /// Title, label and hint of a text prompt.
  static func words(for purpose: TextPrompt.Purpose) -> (String, String, String) {
    let dialog = Strings.Dialog.self
    switch purpose {
    case .rejectReason(let id, _):
      return (dialog.rejectTitle + " #\(id)", dialog.reasonLabel, dialog.inputHint)
    case .regenerateNote(let id, _):
      return (dialog.noteTitle + " #\(id)", dialog.noteLabel, dialog.inputHint)
    case .scheduleTime(let id, _, _):
      return (dialog.scheduleTitle + " #\(id)", dialog.whenLabel, dialog.scheduleHint)
    case .search:
      return (dialog.searchTitle, "/", dialog.inputHint)
    }
  }

  static func question(for action: Action, lastReindex: ReindexProgress? = nil) -> String {
    switch action {
    case .publish(let id, _, let platforms, let topic):
      return Strings.Dialog.publish(id: id, topic: topic, platforms: Action.names(platforms))
    case .reindex:
      let size = Strings.Dialog.reindexSize(lastRun: lastReindex)
      return Strings.Dialog.reindex + (size.map { " " + $0 } ?? "")
    case .forgetStyle(let id):
      return Strings.Dialog.forgetStyle(id: id)
    default:
      return action.summary + "?"
    }
  }

  /// Help lines: every binding the gate allows, with keys and one sentence.
  static func helpLines(for gate: AccessGate) -> [String] {
    KeyRegistry.visible(under: gate).map {
      TextWidth.fit(KeyRegistry.keyText($0), to: 10) + $0.help
    } + ["", Strings.Dialog.helpFormNote]
  }

  /// Draws a dialog box with `lines`; the cursor goes to the start of line `focus`.
  private static func panel(
    _ title: String, _ lines: [(String, Style)], focus: Int = 0, layout: Layout,
    into screen: inout ScreenBuffer
  ) {
    let widest = lines.map { TextWidth.of($0.0) }.max() ?? 0
    let rect = layout.dialog(
      innerWidth: max(widest, TextWidth.of(title) + 6) + 2, innerHeight: lines.count)
    for row in rect.row..<(rect.row + rect.height) {
      screen.clear(row: row, column: rect.column, count: rect.width)
    }
    screen.box(rect, title: title, style: .title)
    let inner = Rect(
      row: rect.row + 1, column: rect.column + 2, width: rect.width - 4, height: rect.height - 2)
    for (offset, line) in lines.enumerated() {
      screen.line(line.0, in: inner, row: offset, style: line.1)
    }
    screen.cursor = .init(
      row: inner.row + min(focus, max(0, inner.height - 1)), column: inner.column)
  }
}

import Foundation
import Shared

/// The selected draft in full: text wrapped, length vs limit, sources, verdict, problems, history.
enum DetailView {
  static func draw(_ state: DashboardState, in rect: Rect, into screen: inout ScreenBuffer) {
    let feed = state.data.detail
    let focused = state.focus == .detail && state.modal == nil
    screen.box(
      rect, title: PanelTitle.text(Strings.detail, feed: feed), style: focused ? .title : .border)
    let inner = rect.inner
    let lines = content(state, width: inner.width)
    let start = min(state.detailScroll, max(0, lines.count - inner.height))
    for row in 0..<inner.height {
      let index = start + row
      let (text, style) = index < lines.count ? lines[index] : ("", .normal)
      screen.line(text, in: inner, row: row, style: feed.isStale ? .stale : style)
    }
  }

  /// The pane's lines, before scrolling.
  static func content(_ state: DashboardState, width: Int) -> [(String, Style)] {
    guard let selected = state.selectedDraft else { return [(Strings.noSelection, .dim)] }
    guard let detail = state.data.detail.value, detail.draft.id == selected.id else {
      return summary(selected, width: width)
        + [(UntrustedText.line(state.data.detail.error ?? Strings.loading), .dim)]
    }
    return lines(for: detail, width: width)
  }

  static func lines(for detail: DraftDetail, width: Int) -> [(String, Style)] {
    let draft = detail.draft
    var out = summary(draft, width: width)
    let body = UntrustedText.sanitize(draft.content ?? "", keepNewlines: true)
    let extras = [draft.lastError ?? ""] + draft.problems + draft.sources.map(\.title)
    if body.hadHiddenCharacters
      || extras.contains(where: { UntrustedText.sanitize($0).hadHiddenCharacters })
    {
      out.append((Strings.hiddenBadge, .warning))
    }
    if let content = draft.content { out += meters(content, platform: draft.platform) }
    if let at = draft.scheduledAt {
      out.append((Strings.scheduledFor + ": " + at.formatted(.iso8601), .normal))
    }
    if let verdict = draft.verdict {
      out += wrapped(Strings.factCheck + ": " + verdict.summary, width)
    }
    for problem in draft.problems {
      out += wrapped(Strings.problem + ": " + problem, width, style: .warning)
    }
    if let error = draft.lastError {
      out += wrapped(Strings.error + ": " + error, width, style: .alert)
    }
    out.append(("── " + Strings.textHeading, .title))
    let text = draft.content == nil ? [Strings.noText] : TextWidth.wrap(body.text, to: width)
    out += text.map { ($0, .normal) }
    out.append(("── " + Strings.sourcesHeading, .title))
    for (n, source) in draft.sources.enumerated() {
      out += wrapped("[\(n + 1)] \(source.id) \(source.title) — \(source.reference)", width)
    }
    out.append(("── " + Strings.historyHeading, .title))
    for event in detail.events { out += wrapped(describe(event), width, style: .dim) }
    return out
  }

  static func summary(_ draft: Draft, width: Int) -> [(String, Style)] {
    let head =
      "#\(draft.id) \(DraftListView.label(of: draft.status)) · "
      + "\(draft.platform.displayName) · v\(draft.version)"
    return [(head, .title)] + wrapped(Strings.topic + ": " + draft.topic, width)
  }

  /// One meter per platform, so a physician sees where else the text would fit.
  static func meters(_ content: String, platform: Platform) -> [(String, Style)] {
    Platform.allCases.map { candidate in
      let (used, limit) = DraftLength.measure(content, platform: candidate)
      let mark = candidate == platform ? "*" : " "
      let over = used > limit ? " " + Strings.lengthOver : ""
      let text =
        mark + Strings.length(used: used, limit: limit, platform: candidate.displayName)
        + " " + meterBar(used: used, limit: limit) + over
      return (text, used > limit ? .alert : .normal)
    }
  }

  /// `[#####-----]`: ten cells of the limit.
  static func meterBar(used: Int, limit: Int) -> String {
    let filled = min(10, limit > 0 ? used * 10 / limit : 10)
    return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 10 - filled)
      + "]"
  }

  static func describe(_ event: DraftEvent) -> String {
    let move = [event.fromStatus?.rawValue, event.toStatus?.rawValue].compactMap { $0 }
    var text = PanelTitle.clock(event.createdAt) + " " + event.action
    if !move.isEmpty { text += " (" + move.joined(separator: "→") + ")" }
    text += " by " + event.actor
    if let detail = event.detail, !detail.isEmpty { text += ": " + detail }
    return text
  }

  /// Untrusted text sanitised and wrapped to the pane.
  static func wrapped(_ raw: String, _ width: Int, style: Style = .normal) -> [(String, Style)] {
    TextWidth.wrap(UntrustedText.line(raw), to: width).map { ($0, style) }
  }
}

/// Post length in the unit each platform counts: X weighted (twitter-text v3, from Shared),
/// Telegram in UTF-16 units, Threads in characters.
enum DraftLength {
  /// (used, limit) of a text on a platform.
  static func measure(_ text: String, platform: Platform) -> (Int, Int) {
    let used: Int
    switch platform {
    case .twitter: used = TwitterText.weightedLength(text)
    case .telegram: used = text.utf16.count
    case .threads: used = text.count
    }
    return (used, platform.characterLimit)
  }
}

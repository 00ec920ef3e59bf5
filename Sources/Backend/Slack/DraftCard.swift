import FoundationEssentials
import Shared

/// The Block Kit message for one draft: topic, platform, the text across as many sections as it
/// needs, sources with links, the fact check as it really went, the length against the
/// platform's limit, the validation problems, and the buttons the draft's status allows.
struct DraftCard {
  let draft: Draft
  let text: SlackText
  /// Each requested platform's outcome, shown when the draft failed to publish.
  var results: [PlatformResult] = []

  // Blocks besides the text sections: header, context, sources, verdict and length, problems,
  // status, actions, and a note when the text was cut.
  static let frameBlocks = 8
  // Room for one platform's error on the card; the full error is in the dashboard.
  static let errorLimit = 400

  /// The `text` and `blocks` of a `chat.postMessage` or `chat.update`.
  var message: (fallback: String, blocks: [JSONValue]) {
    var blocks: [JSONValue] = [BlockKit.header(draft.topic)]
    blocks.append(
      BlockKit.context([
        "*\(text.platformLabel):* \(draft.platform.displayName)",
        "*\(text.statusLabel):* \(text.statusName(draft.status))",
      ]))
    blocks += textSections()
    blocks.append(BlockKit.section(sourcesText()))
    blocks.append(BlockKit.context([verdictText(), lengthText()]))
    if let problems = problemsText() { blocks.append(BlockKit.section(problems)) }
    if let line = statusLine() { blocks.append(BlockKit.section(line)) }
    if let buttons = buttons() { blocks.append(buttons) }
    return (text.cardFallback(topic: draft.topic), blocks)
  }

  private func textSections() -> [JSONValue] {
    let content = draft.content ?? ""
    let chunks = Mrkdwn.escapedChunks(content, limit: BlockKit.sectionTextLimit)
    let room = BlockKit.messageBlockLimit - DraftCard.frameBlocks
    guard chunks.count > room else { return chunks.map(BlockKit.section) }
    let shown = chunks.prefix(room - 1)
    let note = text.textCut(shown: shown.map(\.count).reduce(0, +), total: content.count)
    return shown.map(BlockKit.section) + [BlockKit.context([note])]
  }

  private func sourcesText() -> String {
    guard !draft.sources.isEmpty else { return "*\(text.sourcesLabel):* \(text.noSources)" }
    var lines = ["*\(text.sourcesLabel):*"]
    for source in draft.sources {
      let title = Mrkdwn.escape(source.title.isEmpty ? source.id : source.title)
      if let url = DraftCard.linkable(source.reference) {
        lines.append("• <\(url)|\(title.replacing("|", with: "¦"))>")
      } else {
        lines.append("• \(title) (\(Mrkdwn.escape(source.reference)))")
      }
    }
    return BlockKit.clip(lines.joined(separator: "\n"), to: BlockKit.sectionTextLimit)
  }

  /// A URL safe inside `<url|title>`: http(s), and none of the characters that end the link.
  static func linkable(_ reference: String) -> String? {
    let lower = reference.lowercased()
    guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
    guard !reference.contains(where: { "|<> \n".contains($0) }) else { return nil }
    return reference.replacing("&", with: "&amp;")
  }

  private func verdictText() -> String {
    let summary = draft.verdict.map { Mrkdwn.escape($0.summary) } ?? text.noVerdict
    return "*\(text.factCheckLabel):* \(summary)"
  }

  private func lengthText() -> String {
    let platform = draft.platform
    let used = PlatformTextMetrics.length(of: draft.content ?? "", on: platform)
    return text.length(
      used, of: platform.characterLimit, unit: PlatformTextMetrics.unitName(for: platform))
  }

  private func statusLine() -> String? {
    switch draft.status {
    case .published: return text.publishedLine
    case .publishing: return text.publishingLine
    case .rejected: return text.rejectedLine
    case .scheduled:
      return draft.scheduledAt.map { text.scheduledLine(DraftCard.minutes($0)) }
    case .publishFailed: return DraftCard.publishFailedText(draft, results, text)
    default: return nil
    }
  }

  /// The validation problems the dashboard shows, one per line; nil when the text passed.
  private func problemsText() -> String? {
    guard !draft.problems.isEmpty else { return nil }
    let lines = draft.problems.map { "• " + Mrkdwn.escape($0) }
    let all = ["*\(text.problemsLabel):*"] + lines
    return BlockKit.clip(all.joined(separator: "\n"), to: BlockKit.sectionTextLimit)
  }

  /// Which platforms took the post and why each other one did not, and what to do.
  static func publishFailedText(_ draft: Draft, _ results: [PlatformResult], _ text: SlackText)
    -> String
  {
    var lines = [text.publishFailedHeading(topic: Mrkdwn.escape(draft.topic))]
    for result in results {
      let name = result.platform.displayName
      switch result.state {
      case .published(let url):
        let link = url.flatMap(DraftCard.linkable).map { " <\($0)|↗>" } ?? ""
        lines.append("• " + text.platformPublished(name) + link)
      case .failed(let error):
        let shown = Mrkdwn.escape(BlockKit.clip(error, to: DraftCard.errorLimit))
        lines.append("• " + text.platformFailed(name, error: shown))
      case .unconfirmed:
        lines.append("• " + text.platformUnconfirmed(name))
      }
    }
    if results.isEmpty, let reason = draft.lastError, !reason.isEmpty {
      let shown = Mrkdwn.escape(BlockKit.clip(reason, to: DraftCard.errorLimit))
      lines.append(text.publishFailedReason(shown))
    }
    lines.append(text.publishFailedAdvice)
    return BlockKit.clip(lines.joined(separator: "\n"), to: BlockKit.sectionTextLimit)
  }

  private func buttons() -> JSONValue? {
    let value = SlackActionValue(draftId: draft.id, version: draft.version).encoded
    func button(_ label: String, _ action: SlackAction, style: String? = nil) -> JSONValue {
      BlockKit.button(label, action: action.rawValue, value: value, style: style)
    }
    var row: [JSONValue] = []
    if DraftStatus.publishable.contains(draft.status) || draft.status == .generated {
      row.append(button(text.publish, .publish, style: "primary"))
      row.append(button(text.schedule, .schedule))
      row.append(button(text.edit, .edit))
    }
    if DraftStatus.regenerable.contains(draft.status) {
      row.append(button(text.regenerate, .regenerate))
    }
    if DraftStatus.rejectable.contains(draft.status) {
      row.append(button(text.reject, .reject, style: "danger"))
    }
    return row.isEmpty ? nil : BlockKit.actions("draft_actions", row)
  }

  /// `2025-01-31 14:05`, in UTC.
  static func minutes(_ date: Date) -> String {
    let iso = date.formatted(.iso8601)
    return String(iso.prefix(16)).replacing("T", with: " ")
  }
}

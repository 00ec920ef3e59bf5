import FoundationEssentials
import Shared

/// The app's modals (new draft, edit, schedule) and its App Home, as Block Kit views.
struct SlackViews {
  let text: SlackText

  /// Block and action ids of the form inputs, read back from `view.state.values`.
  enum Input: String {
    case topic = "input_topic"
    case platform = "input_platform"
    case sourceURL = "input_source_url"
    case content = "input_content"
    case publishAt = "input_publish_at"
    case reason = "input_reason"
  }

  // A reason from Slack is held to the API's limit.
  static let reasonLimit = DraftInput.maxReasonLength

  // How many drafts App Home lists; Home views hold at most 100 blocks.
  static let homeDraftCount = 20

  func newDraft(metadata: SlackViewMetadata) -> JSONValue {
    modal(
      .newDraft, title: text.newDraftTitle, submit: text.create, metadata: metadata,
      blocks: [
        input(.topic, text.topicLabel, element: textInput(.topic, maxLength: 255)),
        input(.platform, text.platformLabel, element: platformSelect(.telegram)),
        input(
          .sourceURL, text.sourceURLLabel, element: textInput(.sourceURL, maxLength: 2048),
          optional: true),
      ])
  }

  func edit(_ draft: Draft, metadata: SlackViewMetadata) -> JSONValue {
    let content = BlockKit.clip(draft.content ?? "", to: BlockKit.inputValueLimit)
    var element = textInput(.content, maxLength: BlockKit.inputValueLimit, multiline: true)
    if case .object(var fields) = element {
      fields["initial_value"] = .string(content)
      element = .object(fields)
    }
    return modal(
      .edit, title: text.editTitle, submit: text.save, metadata: metadata,
      blocks: [
        BlockKit.context(["*\(Mrkdwn.escape(draft.topic))* · \(draft.platform.displayName)"]),
        input(.content, text.contentLabel, element: element),
      ])
  }

  func schedule(_ draft: Draft, metadata: SlackViewMetadata) -> JSONValue {
    modal(
      .schedule, title: text.scheduleTitle, submit: text.schedule, metadata: metadata,
      blocks: [
        BlockKit.context(["*\(Mrkdwn.escape(draft.topic))* · \(draft.platform.displayName)"]),
        input(
          .publishAt, text.publishAtLabel,
          element: .object([
            "type": "datetimepicker", "action_id": .string(Input.publishAt.rawValue),
          ])),
      ])
  }

  /// Asks why the draft is rejected; the reason is optional and becomes feedback.
  func reject(_ draft: Draft, metadata: SlackViewMetadata) -> JSONValue {
    modal(
      .reject, title: text.rejectTitle, submit: text.reject, metadata: metadata,
      blocks: [
        BlockKit.context(["*\(Mrkdwn.escape(draft.topic))* · \(draft.platform.displayName)"]),
        input(
          .reason, text.reasonLabel,
          element: textInput(.reason, maxLength: SlackViews.reasonLimit, multiline: true),
          optional: true),
      ])
  }

  /// App Home: a button for a new draft and the physician's newest drafts with their status.
  func home(drafts: [Draft]) -> JSONValue {
    var blocks: [JSONValue] = [
      BlockKit.header(text.homeTitle),
      BlockKit.actions(
        "home_actions",
        [
          BlockKit.button(
            text.newDraftTitle, action: SlackAction.newDraft.rawValue, value: "new",
            style: "primary")
        ]),
      BlockKit.divider(),
    ]
    if drafts.isEmpty { blocks.append(BlockKit.section(text.homeEmpty)) }
    for draft in drafts.prefix(SlackViews.homeDraftCount) {
      blocks.append(
        BlockKit.section(
          "*\(Mrkdwn.escape(BlockKit.clip(draft.topic, to: 200)))*\n"
            + "\(draft.platform.displayName) · \(text.statusName(draft.status)) · #\(draft.id)"))
    }
    return .object(["type": "home", "blocks": .array(blocks)])
  }

  private func modal(
    _ callback: SlackModal, title: String, submit: String, metadata: SlackViewMetadata,
    blocks: [JSONValue]
  ) -> JSONValue {
    // Modal title and buttons: at most 24 characters (Slack's view object reference).
    .object([
      "type": "modal", "callback_id": .string(callback.rawValue),
      "title": BlockKit.plain(title, limit: 24), "submit": BlockKit.plain(submit, limit: 24),
      "close": BlockKit.plain(text.cancel, limit: 24),
      "private_metadata": .string(metadata.encoded), "blocks": .array(blocks),
    ])
  }

  private func input(_ id: Input, _ label: String, element: JSONValue, optional: Bool = false)
    -> JSONValue
  {
    .object([
      "type": "input", "block_id": .string(id.rawValue), "optional": .bool(optional),
      "label": BlockKit.plain(label, limit: 2000), "element": element,
    ])
  }

  private func textInput(_ id: Input, maxLength: Int, multiline: Bool = false) -> JSONValue {
    .object([
      "type": "plain_text_input", "action_id": .string(id.rawValue),
      "max_length": .int(Int64(maxLength)), "multiline": .bool(multiline),
    ])
  }

  private func platformSelect(_ initial: Platform) -> JSONValue {
    func option(_ platform: Platform) -> JSONValue {
      .object([
        "text": BlockKit.plain(platform.displayName, limit: 75),
        "value": .string(platform.rawValue),
      ])
    }
    return .object([
      "type": "static_select", "action_id": .string(Input.platform.rawValue),
      "options": .array(Platform.allCases.map(option)), "initial_option": option(initial),
    ])
  }
}

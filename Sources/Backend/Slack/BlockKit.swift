import Shared

/// Block Kit JSON built as `JSONValue`, with the limits Slack enforces (python-slack-sdk
/// `slack_sdk/models/blocks` validators; blocks per message from Slack's docs).
enum BlockKit {
  /// A section's `text`: at most 3 000 characters.
  static let sectionTextLimit = 3000
  /// A header's plain text: at most 150 characters.
  static let headerTextLimit = 150
  /// A button's label: at most 75 characters.
  static let buttonTextLimit = 75
  /// A button's `value`: at most 2 000 characters.
  static let buttonValueLimit = 2000
  /// A context block: at most 10 elements.
  static let contextElementLimit = 10
  /// A message: at most 50 blocks; a modal or App Home view: 100.
  static let messageBlockLimit = 50
  static let viewBlockLimit = 100
  /// A view's `private_metadata`: at most 3 000 characters.
  static let privateMetadataLimit = 3000
  /// A plain-text input's value: at most 3 000 characters.
  static let inputValueLimit = 3000

  static func plain(_ text: String, limit: Int) -> JSONValue {
    .object(["type": "plain_text", "text": .string(clip(text, to: limit)), "emoji": true])
  }

  static func mrkdwn(_ text: String) -> JSONValue {
    .object(["type": "mrkdwn", "text": .string(text)])
  }

  static func header(_ text: String) -> JSONValue {
    .object(["type": "header", "text": plain(text, limit: headerTextLimit)])
  }

  /// A section of mrkdwn that the caller has escaped and kept within the limit.
  static func section(_ mrkdwnText: String) -> JSONValue {
    .object(["type": "section", "text": mrkdwn(clip(mrkdwnText, to: sectionTextLimit))])
  }

  static func context(_ mrkdwnTexts: [String]) -> JSONValue {
    let elements = mrkdwnTexts.prefix(contextElementLimit).map {
      mrkdwn(clip($0, to: sectionTextLimit))
    }
    return .object(["type": "context", "elements": .array(Array(elements))])
  }

  static func divider() -> JSONValue { .object(["type": "divider"]) }

  static func actions(_ blockId: String, _ buttons: [JSONValue]) -> JSONValue {
    .object(["type": "actions", "block_id": .string(blockId), "elements": .array(buttons)])
  }

  static func button(_ label: String, action: String, value: String, style: String? = nil)
    -> JSONValue
  {
    var fields: [String: JSONValue] = [
      "type": "button", "text": plain(label, limit: buttonTextLimit),
      "action_id": .string(action), "value": .string(clip(value, to: buttonValueLimit)),
    ]
    if let style { fields["style"] = .string(style) }
    return .object(fields)
  }

  /// Cuts text to `limit` (see `Mrkdwn.length`), ending with an ellipsis when cut; never
  /// splits a character.
  static func clip(_ text: String, to limit: Int) -> String {
    guard Mrkdwn.length(text) > limit else { return text }
    var out = ""
    var used = 1  // the ellipsis
    for character in text {
      used += Mrkdwn.length(character)
      if used > limit { break }
      out.append(character)
    }
    return out + "…"
  }
}

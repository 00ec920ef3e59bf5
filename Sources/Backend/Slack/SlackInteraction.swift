import Shared

/// The parts of an interaction payload (`block_actions` or `view_submission`) the app reads.
struct SlackInteraction: Sendable {
  let payload: JSONValue

  var type: String { payload["type"]?.stringValue ?? "" }
  var userId: String { payload["user"]?["id"]?.stringValue ?? "" }
  var teamId: String {
    payload["team"]?["id"]?.stringValue ?? payload["user"]?["team_id"]?.stringValue ?? ""
  }
  var triggerId: String? { payload["trigger_id"]?.stringValue }
  var channelId: String? {
    payload["container"]?["channel_id"]?.stringValue ?? payload["channel"]?["id"]?.stringValue
  }

  /// The first action of a `block_actions` payload (Slack sends one per click).
  var action: JSONValue? { payload["actions"]?.arrayValue?.first }
  var actionId: String { action?["action_id"]?.stringValue ?? "" }

  /// A key that is the same for a redelivery of this click and different for another click.
  var clickKey: String {
    let place =
      payload["container"]?["message_ts"]?.stringValue
      ?? payload["container"]?["view_id"]?.stringValue ?? ""
    let stamp = action?["action_ts"]?.stringValue ?? ""
    return "action:\(place):\(actionId):\(stamp):\(userId)"
  }

  var callbackId: String { payload["view"]?["callback_id"]?.stringValue ?? "" }
  var viewId: String { payload["view"]?["id"]?.stringValue ?? "" }
  var metadata: SlackViewMetadata? {
    SlackViewMetadata.decode(payload["view"]?["private_metadata"]?.stringValue)
  }

  /// The submitted value of a form input (text, selected option, or date-time as epoch).
  func input(_ id: SlackViews.Input) -> JSONValue? {
    let field = payload["view"]?["state"]?["values"]?[id.rawValue]?[id.rawValue]
    if let option = field?["selected_option"]?["value"] { return option }
    if let moment = field?["selected_date_time"] { return moment }
    return field?["value"]
  }

  /// A text input's value, trimmed; nil when empty.
  func inputText(_ id: SlackViews.Input) -> String? {
    guard let text = input(id)?.stringValue?.trimmed(), !text.isEmpty else { return nil }
    return text
  }
}

extension JSONValue {
  /// The elements of an array, or nil for any other kind of value.
  var arrayValue: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }
}

import FoundationEssentials
import Shared

/// The `action_id`s of the draft card's buttons and of App Home.
enum SlackAction: String, Sendable, CaseIterable {
  case publish = "draft_publish"
  case schedule = "draft_schedule"
  case edit = "draft_edit"
  case regenerate = "draft_regenerate"
  case reject = "draft_reject"
  case newDraft = "home_new_draft"
}

/// The `callback_id`s of the app's modals.
enum SlackModal: String, Sendable {
  case newDraft = "modal_new_draft"
  case edit = "modal_edit_draft"
  case schedule = "modal_schedule_draft"
  case reject = "modal_reject_draft"
}

/// A button's `value`: the draft and the version its card showed, as JSON.
struct SlackActionValue: Codable, Sendable, Equatable {
  var draftId: Int64
  var version: Int

  enum CodingKeys: String, CodingKey {
    case draftId = "draft_id"
    case version
  }

  /// The JSON text put in the button.
  var encoded: String { (try? SeraJSON.string(self)) ?? "{}" }

  /// The value of a button, or nil when it is not one of ours.
  static func decode(_ text: String?) -> SlackActionValue? {
    guard let text else { return nil }
    return try? SeraJSON.decode(SlackActionValue.self, from: Array(text.utf8))
  }
}

/// A modal's `private_metadata`: structured JSON, never a delimiter-joined string, so a topic
/// holding `|12` cannot redirect an edit to draft 12.
struct SlackViewMetadata: Codable, Sendable, Equatable {
  var draftId: Int64?
  var version: Int?
  /// Where the card or the new draft's card goes.
  var channelId: String?

  enum CodingKeys: String, CodingKey {
    case draftId = "draft_id"
    case version
    case channelId = "channel_id"
  }

  var encoded: String { (try? SeraJSON.string(self)) ?? "{}" }

  static func decode(_ text: String?) -> SlackViewMetadata? {
    guard let text, !text.isEmpty else { return nil }
    return try? SeraJSON.decode(SlackViewMetadata.self, from: Array(text.utf8))
  }
}

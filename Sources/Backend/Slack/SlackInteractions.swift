import HTTPServer
import Shared

/// `POST /slack/interactions`: the card's buttons and the forms. Each button acts through one
/// conditional update of the draft, so a double click, a redelivery or two people at once
/// change it once; the loser is told what happened instead.
struct SlackInteractions: Sendable {
  let app: SlackApp

  /// The answer to one verified interaction form (its `payload` field holds the JSON).
  func handle(_ form: [String: String]) -> HTTPResponse {
    guard let text = form["payload"],
      let payload = try? SeraJSON.decode(JSONValue.self, from: Array(text.utf8))
    else { return HTTPResponse(status: 400) }
    let interaction = SlackInteraction(payload: payload)
    guard SlackApp.isSlackId(interaction.userId), SlackApp.isSlackId(interaction.teamId) else {
      return HTTPResponse(status: 400)
    }
    switch interaction.type {
    case "block_actions": return click(interaction)
    case "view_submission": return SlackForms(app: app).submit(interaction)
    default: return SlackApp.acknowledged
    }
  }

  private func click(_ click: SlackInteraction) -> HTTPResponse {
    guard let action = SlackAction(rawValue: click.actionId) else {
      return SlackApp.acknowledged
    }
    if action == .newDraft {
      open(SlackViews(text: app.text).newDraft(metadata: .init(channelId: click.userId)), click)
      return SlackApp.acknowledged
    }
    guard let value = SlackActionValue.decode(click.action?["value"]?.stringValue) else {
      return SlackApp.acknowledged
    }
    // A redelivered click is acknowledged and dropped; the first delivery acted already.
    guard (try? app.slack.claimDelivery(click.clickKey)) != false else {
      return SlackApp.acknowledged
    }
    do {
      try act(action, value, click)
    } catch let refusal as SlackRefusal {
      tell(click, refusal.message)
    } catch {
      app.logger.warning("slack_action_failed", [("action", .string(action.rawValue))])
      try? app.slack.releaseDelivery(click.clickKey)
      tell(click, app.text.unavailable)
    }
    return SlackApp.acknowledged
  }

  private func act(_ action: SlackAction, _ value: SlackActionValue, _ click: SlackInteraction)
    throws
  {
    let actions = DraftActions(app: app, actor: "slack:\(click.userId)")
    switch action {
    case .publish: try actions.publish(value)
    case .regenerate: try actions.regenerate(value)
    case .reject where app.webAPI == nil || click.triggerId == nil:
      // No form can open without a bot token or trigger: the click alone rejects, no reason.
      try actions.reject(value, reason: nil, userId: nil)
    case .edit, .schedule, .reject: try openForm(action, value, click)
    case .newDraft: break
    }
  }

  private func openForm(
    _ action: SlackAction, _ value: SlackActionValue, _ click: SlackInteraction
  ) throws {
    guard let draft = try app.drafts.get(id: value.draftId) else {
      throw SlackRefusal(message: app.text.draftMissing)
    }
    let metadata = SlackViewMetadata(
      draftId: draft.id, version: draft.version, channelId: click.channelId)
    let views = SlackViews(text: app.text)
    switch action {
    case .edit: open(views.edit(draft, metadata: metadata), click)
    case .reject: open(views.reject(draft, metadata: metadata), click)
    default: open(views.schedule(draft, metadata: metadata), click)
    }
  }

  private func open(_ view: JSONValue, _ click: SlackInteraction) {
    guard let trigger = click.triggerId else { return }
    app.later("views.open") { api in
      try api.call("views.open", ["trigger_id": .string(trigger), "view": view])
    }
  }

  /// An ephemeral line to the person who clicked, in the channel of the card.
  private func tell(_ click: SlackInteraction, _ message: String) {
    let channel = click.channelId ?? click.userId
    let user = click.userId
    app.later("chat.postEphemeral") { api in
      try api.call(
        "chat.postEphemeral",
        ["channel": .string(channel), "user": .string(user), "text": .string(message)])
    }
  }
}

/// An action that cannot be done, with the line to tell the person who asked.
struct SlackRefusal: Error {
  let message: String
}

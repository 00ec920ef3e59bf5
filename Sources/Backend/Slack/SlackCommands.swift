import HTTPServer
import Shared

/// `POST /slack/commands`: `/draft <topic> [platform]` saves the draft and queues it before
/// answering (the connection waits parked meanwhile); `/draft` alone opens the form; anything
/// else gets a short help.
struct SlackCommands: Sendable {
  let app: SlackApp

  static let draftCommand = "/draft"

  /// Answers one verified slash-command form through `respond`: at once, or for a `/draft`
  /// once its draft is saved and queued.
  func handle(_ form: [String: String], _ respond: @escaping HTTPResponder) {
    if form["ssl_check"] == "1" { return respond(SlackApp.acknowledged) }
    guard let command = form["command"], !command.isEmpty else {
      return respond(HTTPResponse(status: 400))
    }
    guard command == SlackCommands.draftCommand else {
      return respond(SlackApp.ephemeral(app.text.unknownCommand(Mrkdwn.escape(command))))
    }
    let words = Mrkdwn.unescape(form["text"] ?? "").trimmed()
    guard !words.isEmpty else { return respond(openForm(form)) }
    guard let user = form["user_id"], let team = form["team_id"], SlackApp.isSlackId(user),
      SlackApp.isSlackId(team)
    else { return respond(HTTPResponse(status: 400)) }
    do throws(APIError) {
      try draft(SlackCommands.parse(words), user: user, team: team, form: form, respond)
    } catch {
      respond(SlackCommands.answer(error, app.text))
    }
  }

  /// The topic, and the platform when the last word names one (default Telegram).
  static func parse(_ words: String) -> (topic: String, platform: Platform) {
    let parts = words.split(separator: " ")
    if parts.count > 1, let last = parts.last, let platform = platformNamed(String(last)) {
      return (parts.dropLast().joined(separator: " "), platform)
    }
    return (words, .telegram)
  }

  private static func platformNamed(_ word: String) -> Platform? {
    let name = word.lowercased()
    return name == "x" ? .twitter : Platform(rawValue: name)
  }

  private func draft(
    _ asked: (topic: String, platform: Platform), user: String, team: String,
    form: [String: String], _ respond: @escaping HTTPResponder
  ) throws(APIError) {
    guard CreateDraftRequest.length(ofTopic: asked.topic) <= CreateDraftRequest.maxTopicLength
    else {
      return respond(
        SlackApp.ephemeral(app.text.topicTooLong(CreateDraftRequest.maxTopicLength)))
    }
    let channel = form["channel_id"].flatMap { $0.isEmpty ? nil : $0 } ?? user
    let request = try DraftInput.validated(
      CreateDraftRequest(topic: asked.topic, platform: asked.platform))
    let message = TaskMessage(
      taskName: TaskName.generateDraft, labels: ["timeout": DraftRequester.generateTimeoutLabel])
    // Without a trigger id (never seen from Slack) each request is its own delivery.
    let trigger = form["trigger_id"].flatMap { $0.isEmpty ? nil : $0 } ?? message.taskId
    let delivery = "command:" + trigger
    let draft = SlackDraftRequest(
      request: request, slackId: user, teamId: team, channelId: channel, deliveryId: delivery,
      taskId: message.taskId)
    let text = app.text
    app.intake.submit(
      SlackDraftIntake.Request(draft: draft, message: message, limitKey: "\(team):\(user)")
    ) { outcome in
      respond(SlackCommands.reply(to: outcome, for: request, text))
    }
  }

  /// "Working on it", the limit's wait, or what went wrong.
  private static func reply(
    to outcome: SlackDraftIntake.Outcome, for request: CreateDraftRequest, _ text: SlackText
  ) -> HTTPResponse {
    switch outcome {
    case .saved:
      return SlackApp.ephemeral(
        text.workingOnIt(topic: Mrkdwn.escape(request.topic), platform: request.platform))
    case .refused(let seconds):
      return SlackApp.ephemeral(text.rateLimited(seconds: seconds), status: 429)
        .adding(header: "Retry-After", String(seconds))
    case .failed(let error):
      return answer(error, text)
    }
  }

  private func openForm(_ form: [String: String]) -> HTTPResponse {
    guard app.webAPI != nil, let trigger = form["trigger_id"] else {
      return SlackApp.ephemeral(app.text.formNeedsToken)
    }
    let metadata = SlackViewMetadata(channelId: form["channel_id"] ?? form["user_id"])
    let view = SlackViews(text: app.text).newDraft(metadata: metadata)
    app.later("views.open") { api in
      try api.call("views.open", ["trigger_id": .string(trigger), "view": view])
    }
    return SlackApp.acknowledged
  }

  /// A refused request as an ephemeral line; Slack shows nothing for a non-200 answer.
  private static func answer(_ error: APIError, _ text: SlackText) -> HTTPResponse {
    switch error.status {
    case 422, 400: return SlackApp.ephemeral(Mrkdwn.escape(error.detail))
    default: return SlackApp.ephemeral(text.unavailable)
    }
  }
}

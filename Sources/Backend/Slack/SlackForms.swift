import FoundationEssentials
import HTTPServer
import Shared

/// Submissions of the app's modals. The draft comes from the structured `private_metadata`,
/// never from text a person typed; a refusal is shown on the form field it concerns.
struct SlackForms {
  let app: SlackApp

  /// `{"response_action":"clear"}` when done, or field errors for Slack to show.
  func submit(_ form: SlackInteraction) -> HTTPResponse {
    let metadata = form.metadata ?? SlackViewMetadata()
    do {
      switch SlackModal(rawValue: form.callbackId) {
      case .newDraft: try newDraft(form, metadata)
      case .edit: try edit(form, metadata)
      case .schedule: try schedule(form, metadata)
      case .reject: try reject(form, metadata)
      case nil: return SlackApp.acknowledged
      }
    } catch let problem as FieldProblem {
      return SlackForms.errors([problem.field.rawValue: problem.message])
    } catch let refusal as SlackRefusal {
      return SlackForms.errors([SlackForms.mainField(form).rawValue: refusal.message])
    } catch {
      app.logger.warning(
        "slack_form_failed",
        [("form", .string(form.callbackId)), ("error", .string("\(error)"))])
      return SlackForms.errors([SlackForms.mainField(form).rawValue: app.text.unavailable])
    }
    return .json(JSONValue.object(["response_action": "clear"]))
  }

  /// Checks the form, then (once per view) counts it against the user's limit and saves and
  /// queues the draft; a refused or failed submission neither counts nor blocks a retry.
  private func newDraft(_ form: SlackInteraction, _ metadata: SlackViewMetadata) throws {
    let asked = try newDraftRequest(form)
    // A form is submitted once per view; a redelivered submission must not make a second draft.
    let delivery = "view:" + (form.viewId.isEmpty ? TaskQueue.newToken() : form.viewId)
    guard try app.slack.claimDelivery(delivery) else { return }
    var saved = false
    var counted: [SlackRateLimiter.Counted] = []
    do {
      counted = try app.limiter.count(users: ["\(form.teamId):\(form.userId)"])
      if case .refused(let seconds) = counted.first?.decision {
        throw FieldProblem(field: .topic, message: app.text.rateLimited(seconds: seconds))
      }
      let userId = try app.slack.user(slackId: form.userId, teamId: form.teamId)
      let channel = metadata.channelId ?? form.userId
      _ = try app.requester.request(asked, userId: userId, actor: "slack:\(form.userId)") {
        draft in
        try app.slack.attachCard(draftId: draft.id, channelId: channel)
        saved = true
      }
    } catch {
      // Saved but not queued (Redis away): the scheduler's redrive queues it, so the form is
      // done, and the delivery stays claimed so a redelivery makes no second draft.
      if saved { return }
      app.limiter.refund(counted)
      try? app.slack.releaseDelivery(delivery)
      throw error
    }
  }

  /// The form's topic, platform and source URL, validated as the API validates them.
  private func newDraftRequest(_ form: SlackInteraction) throws -> CreateDraftRequest {
    let chosen = form.input(.platform)?.stringValue
    guard let platform = chosen.map(Platform.init(rawValue:)) ?? .telegram else {
      throw FieldProblem(field: .platform, message: app.text.unknownPlatform)
    }
    let asked = CreateDraftRequest(
      topic: form.inputText(.topic) ?? "", platform: platform,
      sourceURL: form.inputText(.sourceURL))
    do throws(APIError) {
      return try DraftInput.validated(asked)
    } catch {
      let field: SlackViews.Input = error.detail.contains("source_url") ? .sourceURL : .topic
      throw FieldProblem(field: field, message: error.detail)
    }
  }

  private func edit(_ form: SlackInteraction, _ metadata: SlackViewMetadata) throws {
    guard let value = SlackForms.draft(metadata) else {
      throw SlackRefusal(message: app.text.draftMissing)
    }
    guard let content = form.inputText(.content) else {
      throw FieldProblem(field: .content, message: app.text.contentEmpty)
    }
    try DraftActions(app: app, actor: "slack:\(form.userId)").edit(value, content: content)
  }

  private func schedule(_ form: SlackInteraction, _ metadata: SlackViewMetadata) throws {
    guard let value = SlackForms.draft(metadata) else {
      throw SlackRefusal(message: app.text.draftMissing)
    }
    guard let epoch = form.input(.publishAt)?.intValue,
      case let date = Date(timeIntervalSince1970: Double(epoch)), DraftInput.isSchedulable(date)
    else { throw FieldProblem(field: .publishAt, message: app.text.publishAtInPast) }
    try DraftActions(app: app, actor: "slack:\(form.userId)").schedule(value, at: date)
  }

  /// Rejects at the version the card showed; the reason, when given, becomes feedback.
  private func reject(_ form: SlackInteraction, _ metadata: SlackViewMetadata) throws {
    guard let value = SlackForms.draft(metadata) else {
      throw SlackRefusal(message: app.text.draftMissing)
    }
    let reason = form.inputText(.reason)
    if let reason, reason.count > SlackViews.reasonLimit {
      throw FieldProblem(field: .reason, message: app.text.reasonTooLong(SlackViews.reasonLimit))
    }
    let userId = try app.slack.user(slackId: form.userId, teamId: form.teamId)
    try DraftActions(app: app, actor: "slack:\(form.userId)")
      .reject(value, reason: reason, userId: userId)
  }

  private static func draft(_ metadata: SlackViewMetadata) -> SlackActionValue? {
    guard let id = metadata.draftId, let version = metadata.version else { return nil }
    return SlackActionValue(draftId: id, version: version)
  }

  private static func mainField(_ form: SlackInteraction) -> SlackViews.Input {
    switch SlackModal(rawValue: form.callbackId) {
    case .edit: return .content
    case .schedule: return .publishAt
    case .reject: return .reason
    default: return .topic
    }
  }

  private static func errors(_ fields: [String: String]) -> HTTPResponse {
    .json(
      JSONValue.object([
        "response_action": "errors", "errors": .object(fields.mapValues { .string($0) }),
      ]))
  }
}

/// A form value that cannot be used, shown under its field.
struct FieldProblem: Error {
  let field: SlackViews.Input
  let message: String
}

import HTTPServer
import Shared

/// `POST /slack/events`: the URL check Slack makes when the events URL is saved, and App Home.
/// Slack redelivers an event it did not see acknowledged (with `X-Slack-Retry-Num`); events are
/// recognised by `event_id`, so a redelivery of a handled event does nothing and one whose first
/// delivery never arrived is still handled.
struct SlackEvents: Sendable {
  let app: SlackApp

  /// The answer to one verified Events API body.
  func handle(_ body: [UInt8]) -> HTTPResponse {
    guard let payload = try? SeraJSON.decode(JSONValue.self, from: body) else {
      return HTTPResponse(status: 400)
    }
    switch payload["type"]?.stringValue {
    case "url_verification":
      return .json(JSONValue.object(["challenge": payload["challenge"] ?? .null]))
    case "event_callback":
      return event(payload)
    default:
      return SlackApp.acknowledged
    }
  }

  private func event(_ payload: JSONValue) -> HTTPResponse {
    guard let eventId = payload["event_id"]?.stringValue,
      payload["event"]?["type"]?.stringValue == "app_home_opened",
      let user = payload["event"]?["user"]?.stringValue,
      let team = payload["team_id"]?.stringValue, SlackApp.isSlackId(user), SlackApp.isSlackId(team)
    else { return SlackApp.acknowledged }
    do {
      guard try app.slack.claimDelivery("event:" + eventId) else { return SlackApp.acknowledged }
      let userId = try app.slack.user(slackId: user, teamId: team)
      let drafts = try app.slack.recentDrafts(userId: userId, limit: SlackViews.homeDraftCount)
      let view = SlackViews(text: app.text).home(drafts: drafts)
      app.later("views.publish") { api in
        try api.call("views.publish", ["user_id": .string(user), "view": view])
      }
    } catch {
      // Not acknowledged: Slack delivers the event again, which is what we want here.
      try? app.slack.releaseDelivery("event:" + eventId)
      return HTTPResponse(status: 503)
    }
    return SlackApp.acknowledged
  }
}

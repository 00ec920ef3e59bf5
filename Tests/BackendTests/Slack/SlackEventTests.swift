import Foundation
import HTTPServer
import Shared
import Testing

@testable import Backend

@Suite("Slack events and the integration API", .serialized)
struct SlackEventTests {
  static func event(_ harness: SlackTestHarness, id: String, retry: String? = nil) throws
    -> HTTPResponseSummary
  {
    let body = try SeraJSON.encode(
      JSONValue.object([
        "type": "event_callback", "team_id": .string(harness.team), "event_id": .string(id),
        "event": .object(["type": "app_home_opened", "user": "U100", "tab": "home"]),
      ]))
    var request = harness.signed("/slack/events", body: body)
    request.headers["x-slack-retry-num"] = retry
    let response = harness.api.handle(request)
    return HTTPResponseSummary(status: response.status, json: response.slackJSON)
  }

  struct HTTPResponseSummary {
    var status: Int
    var json: JSONValue?
  }

  @Test("url_verification echoes the challenge, but only for a signed request")
  func urlVerification() throws {
    let harness = try SlackTestHarness()
    let body = Array(#"{"type":"url_verification","challenge":"3eZbrw1aBm2rZgRNFdxV"}"#.utf8)
    let response = harness.api.handle(harness.signed("/slack/events", body: body))
    #expect(response.status == 200)
    #expect(response.slackJSON?["challenge"] == "3eZbrw1aBm2rZgRNFdxV")
    var unsigned = harness.signed("/slack/events", body: body)
    unsigned.headers["x-slack-signature"] = "v0=" + String(repeating: "0", count: 64)
    #expect(harness.api.handle(unsigned).status == 401)
  }

  @Test("App Home lists the physician's drafts; a retried event is not acted on twice")
  func appHomeAndRetries() throws {
    let harness = try SlackTestHarness()
    #expect(harness.command("magnesium and sleep").status == 200)
    #expect(try Self.event(harness, id: "Ev01").status == 200)
    #expect(harness.fake.wait(for: "views.publish"))
    let view = harness.fake.calls("views.publish").first
    #expect(view?.body["user_id"] == "U100")
    #expect(view?.text.contains("magnesium and sleep") == true)
    #expect(try Self.event(harness, id: "Ev01", retry: "1").status == 200)
    // A retry whose first delivery never arrived is handled (BR-02).
    #expect(try Self.event(harness, id: "Ev02", retry: "2").status == 200)
    #expect(harness.fake.wait(for: "views.publish", count: 2))
    Thread.sleep(forTimeInterval: 0.3)
    #expect(harness.fake.calls("views.publish").count == 2)
  }

  @Test("POST /api/v1/draft queues a draft for a token holder; GET reads status and verdict")
  func integrationAPI() throws {
    let harness = try SlackTestHarness()
    let token = try TokenStore(pool: harness.postgres).create(
      username: "n8n", role: .physician, label: "test")
    let body = Array(#"{"topic":"fibre and cholesterol","platform":"threads"}"#.utf8)
    var request = HTTPRequestBuilder.post("/api/v1/draft", body: body)
    #expect(harness.api.handle(request).status == 401)
    request.headers["authorization"] = "Bearer \(token)"
    let created = harness.api.handle(request)
    #expect(created.status == 201)
    let id = try #require(created.slackJSON?["draft_id"]?.intValue)
    let task = created.slackJSON?["task_id"]?.stringValue
    #expect(try harness.queued().first?.taskId == task)
    var read = HTTPRequestBuilder.get("/api/v1/draft/\(id)")
    read.headers["authorization"] = "Bearer \(token)"
    let status = harness.api.handle(read)
    #expect(status.status == 200)
    #expect(status.slackJSON?["status"] == "pending")
    #expect(status.slackJSON?["draft_id"]?.intValue == id)
    read.headers["authorization"] = nil
    #expect(harness.api.handle(read).status == 401)
  }
}

enum HTTPRequestBuilder {
  static func post(_ path: String, body: [UInt8]) -> HTTPRequest {
    HTTPRequest(
      method: "POST", path: path, headers: ["content-type": "application/json"], body: body)
  }

  static func get(_ path: String) -> HTTPRequest {
    HTTPRequest(method: "GET", path: path)
  }
}

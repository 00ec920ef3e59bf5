import Backend
import HTTPServer
import Shared
import Testing

@Suite("API auth", .serialized)
struct APIAuthTests {
  @Test("a request without a token gets 401 and a Bearer challenge")
  func missingToken() throws {
    let harness = try APITestHarness()
    let response = harness.send("GET", "/api/v1/drafts")
    #expect(response.status == 401)
    #expect(response.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
  }

  @Test("a wrong token gets 401")
  func wrongToken() throws {
    let harness = try APITestHarness()
    #expect(harness.send("GET", "/api/v1/me", token: "sera_not_a_real_token").status == 401)
    #expect(harness.send("GET", "/api/v1/me", token: "").status == 401)
  }

  @Test("a valid token is resolved to its user and role")
  func whoAmI() throws {
    let harness = try APITestHarness()
    let response = harness.send("GET", "/api/v1/me", token: harness.oncall)
    #expect(response.status == 200)
    let me = try SeraJSON.decode(WhoAmI.self, from: response.body)
    #expect(me.username == "sam_oncall")
    #expect(me.role == .oncall)
  }

  @Test("on-call may read but not approve, publish or create drafts")
  func oncallIsReadOnly() throws {
    let harness = try APITestHarness()
    let draft = try harness.generatedDraft()
    #expect(harness.send("GET", "/api/v1/drafts", token: harness.oncall).status == 200)
    let approve = harness.send(
      "POST", "/api/v1/drafts/\(draft.id)/approve", token: harness.oncall, json: #"{"version":2}"#)
    #expect(approve.status == 403)
    #expect(approve.apiError?.detail.contains("physician or operator") == true)
    let publish = harness.send(
      "POST", "/api/v1/drafts/\(draft.id)/publish", token: harness.oncall, json: #"{"version":2}"#)
    #expect(publish.status == 403)
    let create = harness.send(
      "POST", "/api/v1/drafts", token: harness.oncall,
      json: #"{"topic":"x","platform":"telegram"}"#)
    #expect(create.status == 403)
  }

  @Test("a physician may not start a reindex; the error names the operator role")
  func physicianCannotReindex() throws {
    let harness = try APITestHarness()
    let response = harness.send("POST", "/api/v1/reindex", token: harness.physician)
    #expect(response.status == 403)
    #expect(response.apiError?.detail.contains("operator") == true)
  }

  @Test("the request log has the path and status but never the token or the query")
  func logsWithoutSecrets() throws {
    let harness = try APITestHarness()
    _ = harness.send(
      "GET", "/api/v1/drafts", token: harness.physician, query: ["status": "generated"])
    let log = harness.logged()
    #expect(log.contains(#""event":"http_request""#))
    #expect(log.contains(#""path":"/api/v1/drafts""#))
    #expect(log.contains(#""status":200"#))
    #expect(!log.contains(harness.physician))
    #expect(!log.contains("generated"))
  }

  @Test("unknown paths get 404 and a wrong method 405 with Allow")
  func routing() throws {
    let harness = try APITestHarness()
    #expect(harness.send("GET", "/api/v1/nothing", token: harness.physician).status == 404)
    let wrong = harness.send("DELETE", "/api/v1/drafts", token: harness.physician)
    #expect(wrong.status == 405)
    #expect(wrong.header("Allow") == "GET, POST")
  }
}

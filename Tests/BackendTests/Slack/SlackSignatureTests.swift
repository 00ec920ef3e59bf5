import Foundation
import HTTPServer
import Shared
import Testing

@testable import Backend

@Suite("Slack request signing", .serialized)
struct SlackSignatureTests {
  struct SignedExample: Decodable {
    var signingSecret: String
    var headers: [String: String]
    var body: String

    enum CodingKeys: String, CodingKey {
      case signingSecret = "signing_secret"
      case headers
      case body
    }
  }

  static func example() throws -> SignedExample {
    let path = SlackTestHarness.fixture("slash_command_docs_example_signed.json")
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CocoaError(.fileNoSuchFile)
    }
    return try JSONDecoder().decode(SignedExample.self, from: data)
  }

  static func request(_ example: SignedExample, body: [UInt8]? = nil) -> HTTPRequest {
    var headers: [String: String] = [:]
    for (name, value) in example.headers { headers[name.lowercased()] = value }
    return HTTPRequest(
      method: "POST", path: "/slack/commands", headers: headers,
      body: body ?? Array(example.body.utf8))
  }

  @Test("Slack's documented signed example verifies at its own time")
  func documentedExampleVerifies() throws {
    let example = try Self.example()
    let verifier = SlackSignature(secret: example.signingSecret)
    let stamp = Int64(example.headers["X-Slack-Request-Timestamp"] ?? "") ?? 0
    #expect(throws: Never.self) { try verifier.verify(Self.request(example), now: stamp) }
    #expect(throws: Never.self) { try verifier.verify(Self.request(example), now: stamp + 300) }
  }

  @Test("a body changed by one byte, a stale or missing timestamp, a wrong secret are refused")
  func tamperedRequestsAreRefused() throws {
    let example = try Self.example()
    let verifier = SlackSignature(secret: example.signingSecret)
    let stamp = Int64(example.headers["X-Slack-Request-Timestamp"] ?? "") ?? 0
    var body = Array(example.body.utf8)
    body[body.count / 2] ^= 0x01
    #expect(throws: SlackSignature.Refusal.mismatch) {
      try verifier.verify(Self.request(example, body: body), now: stamp)
    }
    #expect(throws: SlackSignature.Refusal.stale) {
      try verifier.verify(Self.request(example), now: stamp + 301)
    }
    var missing = Self.request(example)
    missing.headers["x-slack-signature"] = nil
    #expect(throws: SlackSignature.Refusal.missingHeader) {
      try verifier.verify(missing, now: stamp)
    }
    #expect(throws: SlackSignature.Refusal.mismatch) {
      try SlackSignature(secret: "another").verify(Self.request(example), now: stamp)
    }
    #expect(throws: SlackSignature.Refusal.notConfigured) {
      try SlackSignature(secret: nil).verify(Self.request(example), now: stamp)
    }
  }

  @Test("refused Slack requests answer 401 with no detail and create no draft")
  func refusedRequestsHaveNoEffect() throws {
    let harness = try SlackTestHarness()
    let body = Array(
      FormBody.encode([
        ("team_id", harness.team), ("user_id", "U1"), ("command", "/draft"),
        ("text", "sleep hygiene"), ("channel_id", "C1"),
      ]).utf8)
    var changed = harness.signed("/slack/commands", body: body)
    changed.body[changed.body.count - 1] ^= 0x01
    var missing = harness.signed("/slack/commands", body: body)
    missing.headers["x-slack-request-timestamp"] = nil
    var unsigned = harness.signed("/slack/commands", body: body)
    unsigned.headers["x-slack-signature"] = nil
    let stale = harness.signed("/slack/commands", body: body, age: 301)
    for request in [changed, missing, unsigned, stale] {
      let response = harness.api.handle(request)
      #expect(response.status == 401)
      let text = String(decoding: response.body, as: UTF8.self)
      #expect(!text.contains("timestamp") && !text.contains("signature"))
      #expect(!text.contains(SlackTestHarness.secret))
    }
    let invalidUTF8 = body + Array("%FF%FE".utf8)
    let notText = harness.api.handle(harness.signed("/slack/commands", body: invalidUTF8))
    #expect(notText.status == 400)
    // Raw bytes that are not UTF-8 at all, correctly signed: refused before any form is read.
    let rawBytes = body + [0x26, 0x78, 0x3D, 0xC3, 0x28, 0xFF, 0xFE]
    #expect(harness.api.handle(harness.signed("/slack/commands", body: rawBytes)).status == 400)
    #expect(try harness.drafts().isEmpty)
    #expect(try harness.queued().isEmpty)
    // The same body, correctly signed, does create the draft: the refusals above were real.
    #expect(harness.api.handle(harness.signed("/slack/commands", body: body)).status == 200)
    #expect(try harness.drafts().count == 1)
  }

  @Test("form bodies decode plus, percent escapes and UTF-8, and refuse broken escapes")
  func formBodyDecoding() {
    let fields = FormBody.decode(Array("text=sleep+hygiene%20%D0%BC&command=%2Fdraft&x".utf8))
    #expect(fields?["text"] == "sleep hygiene м")
    #expect(fields?["command"] == "/draft")
    #expect(fields?["x"] == "")
    #expect(FormBody.decode(Array("text=%ZZ".utf8)) == nil)
    #expect(FormBody.decode(Array("text=%4".utf8)) == nil)
    #expect(FormBody.decode(Array("text=%C3%28".utf8)) == nil)
    #expect(FormBody.decode([0x74, 0x3D, 0xFF]) == nil)
  }
}

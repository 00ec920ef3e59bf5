import Crypto
import Foundation
import HTTPClient
import Shared
import Testing

/// `/draft` against a real `sera serve` with no worker running: Slack's 3 s window is the
/// client's own timeout, so an answer at all means it came in time.
@Suite(.serialized) struct SlackCommandEndToEndTests {
  static let secret = "e2e-signing-secret-0123456789abcdef"
  // Slack gives up on an acknowledgement after 3 000 ms (external-apis.md §1.1).
  static let slackWindowSeconds = 3.0

  @Test func slashDraftIsAcknowledgedInTimeAndQueuedWhileTheWorkerIsStopped() throws {
    let stack = try LiveStack(extraEnvironment: ["SLACK_SIGNING_SECRET": Self.secret])
    defer { stack.shutdown() }
    try stack.start()
    stack.services["worker"]?.stop()
    let token = try stack.token(role: .operator)

    let body = Array(
      ("team_id=T1&channel_id=C1&user_id=U1&command=%2Fdraft&text=sleep+hygiene"
        + "&trigger_id=1.2.3").utf8)
    let stamp = String(Int(Date().timeIntervalSince1970))
    let signature =
      "v0="
      + hex(hmacSHA256(key: Array(Self.secret.utf8), message: Array("v0:\(stamp):".utf8) + body))
    let client = HTTPClient(timeoutSeconds: Self.slackWindowSeconds)
    let response = try client.send(
      method: "POST", url: stack.baseURL + "/slack/commands",
      headers: [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("X-Slack-Request-Timestamp", stamp), ("X-Slack-Signature", signature),
      ], body: body)
    #expect(response.status == 200, "\(stack.logs())")
    #expect(response.text.contains("sleep hygiene"))

    let list = try stack.call(DraftList.self, "GET", "/api/v1/drafts", token: token)
    let draft = try #require(list.drafts.first { $0.topic == "sleep hygiene" })
    #expect(draft.status == .pending)
    let queued = try stack.redisCLI(["LRANGE", "seratonin_tasks", "0", "-1"])
    #expect(queued.contains("generate_draft") && queued.contains("\"\(draft.id)\""))
  }
}

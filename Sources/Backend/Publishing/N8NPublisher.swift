import HTTPClient
import Shared

/// Hands a post to n8n's `publish-post` webhook (`{post_id, platform, content}`, plus Sera's
/// idempotency key); n8n posts it and reports on `POST /api/v1/n8n/callback`.
///
/// Once the webhook may have received a post it is not called again for that text: the
/// callback settles it. Limitation: if n8n never received it and never calls back, the draft
/// stays `publishing` until a person publishes it again.
public struct N8NPublisher: Publisher {
  private let call: PlatformCall
  private let webhookURL: String

  /// A publisher calling `webhookURL` for `platform`.
  public init(settings: PublishingSettings, webhookURL: String, platform: Platform) {
    self.call = PlatformCall(
      client: HTTPClient(timeoutSeconds: Double(settings.timeoutSeconds)), platform: platform)
    self.webhookURL = webhookURL
  }

  public func publish(_ post: OutgoingPost, journal: any PublishJournal) throws(PublishError)
    -> PublishOutcome
  {
    if journal.partInFlight != nil { return .awaitingConfirmation }
    let body: [String: JSONValue] = [
      "post_id": .string(String(post.draftId)), "platform": .string(post.platform.rawValue),
      "content": .string(post.content), "idempotency_key": .string(post.idempotencyKey),
    ]
    let bytes = (try? SeraJSON.encode(JSONValue.object(body))) ?? []
    let response = try call.post(part: 0, note: "n8n", journal: journal) {
      () throws(PlatformCall.Failure) in
      try call.send(
        "POST", webhookURL, headers: [("Content-Type", "application/json")], body: bytes)
    }
    guard (200...299).contains(response.status) else {
      let kind: PublishError.Kind = response.status >= 500 ? .retryable : .permanent
      throw PublishError(kind, post.platform, "n8n webhook answered \(response.status)")
    }
    return .awaitingConfirmation
  }
}

import Crypto
import FoundationEssentials
import HTTPServer
import Postgres
import Shared

/// `POST /api/v1/n8n/callback`: n8n reports how a post it was handed went. The caller has no
/// bearer token; it signs the raw body with HMAC-SHA256 under `N8N_CALLBACK_SECRET` and sends
/// `X-Sera-Signature: sha256=<hex>`. A repeated callback changes nothing.
struct N8NRoutes: Sendable {
  /// The header n8n's HTTP Request node sets with the body's signature.
  static let signatureHeader = "x-sera-signature"

  /// What n8n sends back: `status` is `success` (with `url`) or `failure` (with `error`).
  struct Callback: Decodable {
    var postId: String
    var platform: String
    var status: String
    var url: String?
    var platformPostId: String?
    var error: String?

    enum CodingKeys: String, CodingKey {
      case platform, status, url, error
      case postId = "post_id"
      case platformPostId = "platform_post_id"
    }
  }

  let secret: PublishingSettings.Secret?
  let attempts: PublishAttemptStore
  let drafts: DraftStore
  let settlement: PublishSettlement
  let store: StoreCall

  func register(in router: inout Router) {
    let routes = self
    router.add("POST", "/api/v1/n8n/callback", .open) { context throws(APIError) in
      try routes.callback(context.request)
    }
  }

  func callback(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
    try verify(request)
    guard let body = try? SeraJSON.decode(Callback.self, from: request.body) else {
      throw .badRequest("expected {post_id, platform, status, url|error}")
    }
    guard let draftId = Int64(body.postId), let platform = Platform(rawValue: body.platform)
    else { throw .invalid("unknown post_id or platform") }
    let status = try store.run("record the n8n callback") { () throws -> DraftStatus? in
      guard let draft = try drafts.get(id: draftId), let content = draft.content else {
        throw StoreError.notFound
      }
      let key = PublishAttemptStore.idempotencyKey(
        draftId: draftId, platform: platform, content: content)
      guard let attempt = try attempts.find(key: key) else { throw StoreError.notFound }
      try record(body, attempt: attempt)
      return try settlement.settle(draftId: draftId)
    }
    return .json([
      "draft_id": JSONValue.int(draftId), "status": .string(status?.rawValue ?? "publishing"),
    ])
  }

  private func record(_ body: Callback, attempt: PublishAttempt) throws {
    if attempt.state == .succeeded { return }
    if body.status == "success" {
      let url = body.url ?? ""
      let receipt = PublishReceipt(postId: body.platformPostId ?? url, url: url)
      try attempts.succeed(id: attempt.id, receipt: receipt)
    } else {
      try attempts.fail(id: attempt.id, error: "n8n: " + (body.error ?? "failed without a reason"))
    }
  }

  /// Constant-time check of the signature over the exact bytes received.
  private func verify(_ request: HTTPRequest) throws(APIError) {
    guard let secret else {
      throw APIError(status: 503, code: "not_configured", detail: "n8n callbacks are off")
    }
    let given = request.headers[Self.signatureHeader] ?? ""
    let expected = "sha256=" + hex(hmacSHA256(key: Array(secret.value.utf8), message: request.body))
    guard constantTimeEquals(Array(given.lowercased().utf8), Array(expected.utf8)) else {
      throw .unauthorized("bad or missing \(Self.signatureHeader)")
    }
  }
}

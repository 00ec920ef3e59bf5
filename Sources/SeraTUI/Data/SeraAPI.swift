import Foundation
import Shared

/// Why an API call failed, in the status line's words ("403: on-call tokens are read-only").
public enum APIFailure: Error, Equatable, Sendable {
  /// No HTTP answer at all.
  case unreachable(String)
  /// The server answered with an error status and a reason.
  case rejected(status: Int, reason: String)
  /// The body was not what the contract says.
  case malformed(String)

  /// One line for the status line; the server's reason is untrusted and sanitised when drawn.
  public var message: String {
    switch self {
    case .unreachable(let reason): return "backend unreachable: \(reason)"
    case .rejected(let status, let reason): return "\(status): \(reason)"
    case .malformed(let what): return "unexpected answer: \(what)"
    }
  }
}

/// Typed calls of Sera's HTTP API over a transport.
public struct SeraAPI {
  public let baseURL: String
  private let token: String?
  private let transport: any HTTPTransport

  /// An API client for a base URL, with an optional bearer token.
  public init(baseURL: String, token: String?, transport: any HTTPTransport) {
    self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    self.token = token
    self.transport = transport
  }

  /// `GET /health`; a 503 still carries a report naming what is down.
  public func health() throws(APIFailure) -> HealthReport {
    try request("GET", "/health", accept: [200, 503])
  }

  public func whoAmI() throws(APIFailure) -> WhoAmI { try request("GET", "/api/v1/me") }

  public func opsSummary() throws(APIFailure) -> OpsSnapshot {
    try request("GET", "/api/v1/ops/summary")
  }

  public func drafts(limit: Int) throws(APIFailure) -> [Draft] {
    let list: DraftList = try request("GET", "/api/v1/drafts?limit=\(limit)")
    return list.drafts
  }

  public func detail(id: Int64) throws(APIFailure) -> DraftDetail {
    let draft: Draft = try request("GET", "/api/v1/drafts/\(id)")
    let events: DraftEvents = try request("GET", "/api/v1/drafts/\(id)/events")
    return DraftDetail(draft: draft, events: events.events)
  }

  public func reindexProgress() throws(APIFailure) -> ReindexProgress {
    try request("GET", "/api/v1/reindex")
  }

  /// `GET /api/v1/queue`: counts and the newest dead tasks.
  public func queueOverview() throws(APIFailure) -> QueueOverview {
    try request("GET", "/api/v1/queue")
  }

  /// Sends an action; returns the id of a draft it created, if any.
  public func perform(_ action: Action) throws(APIFailure) -> Int64? {
    let drafts = "/api/v1/drafts/"
    switch action {
    case .create(let topic, let platform, let url):
      let body = CreateDraftRequest(topic: topic, platform: platform, sourceURL: url)
      let queued: QueuedDraft = try request(
        "POST", "/api/v1/drafts", body: body, accept: [201, 200])
      return queued.draft.id
    case .approve(let id, let version):
      let _: Draft = try request(
        "POST", drafts + "\(id)/approve", body: DraftActionRequest(version: version))
    case .reject(let id, let version, let reason):
      let _: Draft = try request(
        "POST", drafts + "\(id)/reject", body: DraftActionRequest(version: version, reason: reason))
    case .edit(let id, let version, let content):
      let _: Draft = try request(
        "POST", drafts + "\(id)/edit", body: DraftEditRequest(version: version, content: content))
    case .regenerate(let id, let version, let note):
      let _: QueuedDraft = try request(
        "POST", drafts + "\(id)/regenerate",
        body: DraftActionRequest(version: version, reason: note), accept: [202, 200])
    case .schedule(let id, let version, let at, let platforms):
      let body = DraftScheduleRequest(version: version, scheduledAt: at, platforms: platforms)
      let _: Draft = try request("POST", drafts + "\(id)/schedule", body: body)
    case .publish(let id, let version, let platforms, _):
      let _: QueuedDraft = try request(
        "POST", drafts + "\(id)/publish",
        body: DraftActionRequest(version: version, platforms: platforms), accept: [200, 202])
    case .retry(let id, let version):
      let _: QueuedDraft = try request(
        "POST", drafts + "\(id)/retry", body: DraftActionRequest(version: version),
        accept: [202, 200])
    case .forgetStyle(let id):
      let _: JSONValue = try request("DELETE", drafts + "\(id)/style-sample")
    case .reindex:
      let _: ReindexProgress = try request("POST", "/api/v1/reindex", accept: [202, 200])
    case .requeueDead:
      let _: RequeueResult = try request("POST", "/api/v1/queue/dead/requeue")
    }
    return nil
  }

  private func request<T: Decodable>(
    _ method: String, _ path: String, body: (any Encodable)? = nil,
    accept: Set<Int> = [200]
  ) throws(APIFailure) -> T {
    var headers = [("Accept", "application/json")]
    if let token { headers.append(("Authorization", "Bearer \(token)")) }
    var bytes: [UInt8]?
    if let body {
      headers.append(("Content-Type", "application/json"))
      bytes = try? SeraJSON.encode(body)
    }
    let response: TransportResponse
    do {
      response = try transport.send(
        method: method, url: baseURL + path, headers: headers, body: bytes)
    } catch {
      throw .unreachable(error.reason)
    }
    guard accept.contains(response.status) else {
      throw .rejected(status: response.status, reason: Self.reason(of: response))
    }
    do {
      return try SeraJSON.decode(T.self, from: response.body)
    } catch {
      throw .malformed("\(method) \(path): \(T.self) expected")
    }
  }

  /// The server's own reason when the body is an APIErrorBody, else the first bytes of the body.
  static func reason(of response: TransportResponse) -> String {
    if let body = try? SeraJSON.decode(APIErrorBody.self, from: response.body) {
      return body.detail.isEmpty ? body.error : body.detail
    }
    let text = String(decoding: response.body.prefix(120), as: UTF8.self).trimmed()
    return text.isEmpty ? "HTTP \(response.status)" : text
  }
}

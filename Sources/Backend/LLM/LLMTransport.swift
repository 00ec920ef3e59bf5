import FoundationEssentials
import HTTPClient
import Shared

/// The HTTP side shared by the provider clients: one POST, transport failures and error
/// statuses turned into `LLMError`s with the key scrubbed from every word kept.
struct LLMTransport: Sendable {
  let provider: String
  let model: String
  let apiKey: String
  let http: HTTPClient

  // Provider error messages are kept for the operator, but short: they go into logs and rows.
  private static let detailLimit = 300

  /// POSTs a JSON body and returns the 200 body; any other outcome throws.
  func post(url: String, headers: [(String, String)], body: [UInt8]) throws(LLMError) -> [UInt8] {
    let response: HTTPClientResponse
    do {
      response = try self.http.send(method: "POST", url: url, headers: headers, body: body)
    } catch {
      let kind: LLMError.Kind = error.kind == .timeout ? .timeout : .connect
      throw self.error(kind, status: nil, detail: error.description)
    }
    guard response.status == 200 else { throw self.classify(response) }
    return response.body
  }

  /// An error of this provider and model with the key scrubbed from its detail.
  func error(
    _ kind: LLMError.Kind, status: Int?, detail: String, retryAfter: Double? = nil
  ) -> LLMError {
    var detail = self.apiKey.isEmpty ? detail : detail.replacing(self.apiKey, with: "[redacted]")
    if detail.count > Self.detailLimit { detail = String(detail.prefix(Self.detailLimit)) + "…" }
    return LLMError(
      provider: self.provider, model: self.model, kind: kind, status: status, detail: detail,
      retryAfterSeconds: retryAfter)
  }

  /// Decodes a 200 body, or names the provider and what did not fit.
  func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws(LLMError) -> T {
    do {
      return try JSONDecoder().decode(type, from: Data(body))
    } catch {
      throw self.error(
        .malformed, status: 200, detail: "response body is not the expected JSON: \(error)")
    }
  }

  /// Sorts an error status by the body's error type and code, not by the status alone: OpenAI
  /// sends 429 both for throttling and for an exhausted quota (known-failures BR-20).
  private func classify(_ response: HTTPClientResponse) -> LLMError {
    let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: Data(response.body))
    let type = envelope?.error.type ?? ""
    let code = envelope?.error.code ?? ""
    let message = envelope?.error.message ?? "no error message in the body"
    let detail = [type, code].filter { !$0.isEmpty }.joined(separator: "/") + ": " + message
    let retryAfter = response.headers["retry-after"].flatMap { Double($0.trimmed()) }
    let kind: LLMError.Kind
    switch response.status {
    case 429 where type == "insufficient_quota" || code == "insufficient_quota":
      kind = .quotaExhausted
    case 429: kind = .rateLimited
    case 401, 403: kind = .authFailed
    case 404: kind = .notFound
    case 408: kind = .timeout
    case 529: kind = .overloaded
    case 500...599: kind = type == "overloaded_error" ? .overloaded : .server
    case 400..<500: kind = .badRequest
    default: kind = .malformed
    }
    return self.error(kind, status: response.status, detail: detail, retryAfter: retryAfter)
  }
}

/// The error body both providers send: `{"error": {"type", "message", "code"?}}`.
private struct ErrorEnvelope: Decodable {
  struct Body: Decodable {
    var type: String?
    var message: String?
    var code: String?
  }

  var error: Body
}

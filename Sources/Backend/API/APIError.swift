import FoundationEssentials
import HTTPServer
import Shared

/// An answer other than success: a status, a short code, and what the caller can do about it.
public struct APIError: Error, Sendable {
  /// The HTTP status.
  public var status: Int
  /// A short machine-readable code such as `validation_failed`.
  public var code: String
  /// One sentence a person can act on.
  public var detail: String
  /// The draft as it now is, for a 409 after a lost race.
  public var currentDraft: Draft?
  var headers: [(String, String)] = []

  /// An error with its status, code and detail.
  public init(status: Int, code: String, detail: String, currentDraft: Draft? = nil) {
    self.status = status
    self.code = code
    self.detail = detail
    self.currentDraft = currentDraft
  }

  /// The JSON response: an `APIErrorBody`, plus `draft` on a conflict.
  public var response: HTTPResponse {
    var response = HTTPResponse.json(
      status: status, ConflictBody(error: code, detail: detail, draft: currentDraft))
    response.headers += headers
    return response
  }

  static func badRequest(_ detail: String) -> APIError {
    APIError(status: 400, code: "bad_request", detail: detail)
  }

  static func invalid(_ detail: String) -> APIError {
    APIError(status: 422, code: "validation_failed", detail: detail)
  }

  static func notFound(_ detail: String) -> APIError {
    APIError(status: 404, code: "not_found", detail: detail)
  }

  static func unauthorized(_ detail: String) -> APIError {
    var error = APIError(status: 401, code: "unauthorized", detail: detail)
    error.headers = [("WWW-Authenticate", "Bearer realm=\"sera\"")]
    return error
  }

  static func forbidden(needs role: String) -> APIError {
    APIError(status: 403, code: "forbidden", detail: "this action needs the role \(role)")
  }

  static func conflict(_ current: Draft, _ detail: String) -> APIError {
    APIError(status: 409, code: "conflict", detail: detail, currentDraft: current)
  }

  static func unavailable(_ detail: String) -> APIError {
    APIError(status: 503, code: "unavailable", detail: detail)
  }
}

/// `APIErrorBody`'s fields plus the current draft, so clients decoding `APIErrorBody` still can.
struct ConflictBody: Encodable {
  var error: String
  var detail: String
  var draft: Draft?
}

import FoundationEssentials
import Shared

/// One HTTP response: status, headers in order, and body bytes.
public struct HTTPResponse: Sendable {
  /// The status code, e.g. 200.
  public var status: Int
  /// Header name/value pairs, sent in this order.
  public var headers: [(String, String)]
  /// The body bytes.
  public var body: [UInt8]

  /// A response from its parts.
  public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// A JSON response encoded with SeraJSON; a value that cannot be encoded gives a plain 500.
  public static func json<T: Encodable>(status: Int = 200, _ value: T) -> HTTPResponse {
    guard let body = try? SeraJSON.encode(value) else {
      return .text(status: 500, "response could not be encoded as JSON\n")
    }
    return HTTPResponse(
      status: status, headers: [("Content-Type", "application/json")], body: body)
  }

  /// A text response, UTF-8 encoded.
  public static func text(
    status: Int = 200, _ text: String, contentType: String = "text/plain; charset=utf-8"
  ) -> HTTPResponse {
    HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
  }

  /// The response with one more header appended.
  public func adding(header name: String, _ value: String) -> HTTPResponse {
    var copy = self
    copy.headers.append((name, value))
    return copy
  }
}

/// An HTTP response as the dashboard needs it.
public struct TransportResponse: Sendable {
  public var status: Int
  public var body: [UInt8]

  /// A response with a status and body.
  public init(status: Int, body: [UInt8]) {
    self.status = status
    self.body = body
  }
}

/// A failure to get any HTTP answer (refused, timed out, DNS).
public struct TransportError: Error, Sendable, Equatable {
  public var reason: String

  /// A failure with a short reason.
  public init(reason: String) {
    self.reason = reason
  }
}

/// Sends one HTTP request; the real one uses libcurl, tests use a fake.
public protocol HTTPTransport {
  /// Sends a request and returns the answer, or throws when no answer came.
  func send(method: String, url: String, headers: [(String, String)], body: [UInt8]?)
    throws(TransportError) -> TransportResponse
}

import HTTPClient

/// The libcurl-backed transport, through the project's HTTPClient module.
public struct CurlTransport: HTTPTransport {
  private let client: HTTPClient

  /// A transport whose requests give up after `timeoutSeconds`.
  public init(timeoutSeconds: Double) {
    self.client = HTTPClient(timeoutSeconds: timeoutSeconds)
  }

  public func send(method: String, url: String, headers: [(String, String)], body: [UInt8]?)
    throws(TransportError) -> TransportResponse
  {
    do {
      let response = try client.send(method: method, url: url, headers: headers, body: body)
      return TransportResponse(status: response.status, body: response.body)
    } catch {
      throw TransportError(reason: error.message)
    }
  }
}

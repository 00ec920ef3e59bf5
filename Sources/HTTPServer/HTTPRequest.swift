/// One HTTP request as a handler sees it: the body is complete and the headers are lower-cased.
public struct HTTPRequest: Sendable {
  /// The method in upper case, e.g. `GET`.
  public var method: String
  /// The path without the query string, percent-decoded by libmicrohttpd.
  public var path: String
  /// Query arguments, decoded; an argument without `=` has an empty value.
  public var query: [String: String]
  /// Header values by lower-cased name; a repeated header's values are joined with ", ".
  public var headers: [String: String]
  /// The raw body bytes.
  public var body: [UInt8]

  /// A request built from its parts, as the server does and tests may.
  public init(
    method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
    body: [UInt8] = []
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.headers = headers
    self.body = body
  }

  /// The value of a header, looked up case-insensitively.
  public func header(_ name: String) -> String? {
    headers[name.lowercased()]
  }
}

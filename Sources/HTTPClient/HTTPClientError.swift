import CCurl

/// Why a request got no response, with the URL it was for (its query string left out).
public struct HTTPClientError: Error, CustomStringConvertible, Equatable {
  /// What kind of failure, for callers that react differently to each.
  public enum Kind: String, Sendable {
    case setup
    case invalidURL
    case connect
    case timeout
    case responseTooLarge
    case transfer
  }

  /// What kind of failure it was.
  public var kind: Kind
  /// The URL without query string or fragment, which may hold keys.
  public var url: String
  /// libcurl's words for what failed.
  public var message: String

  /// An error of a kind for a URL; the URL's query string is removed here.
  public init(_ kind: Kind, url: String, _ message: String) {
    self.kind = kind
    self.url = HTTPClientError.redacted(url)
    self.message = message
  }

  init(code: CURLcode, url: String, sink: ResponseSink) {
    let text = curl_easy_strerror(code).map { String(cString: $0) } ?? "curl error \(code.rawValue)"
    self.init(HTTPClientError.kind(of: code, sink: sink), url: url, text)
  }

  public var description: String { "http \(kind.rawValue): \(url): \(message)" }

  /// The URL up to its `?` or `#`, and without any `user:password@`.
  static func redacted(_ url: String) -> String {
    var base = String(url.prefix { $0 != "?" && $0 != "#" })
    if let scheme = base.firstRange(of: "://"),
      let at = base[scheme.upperBound...].firstIndex(of: "@"),
      !base[scheme.upperBound..<at].contains("/")
    {
      base.removeSubrange(scheme.upperBound...at)
    }
    return base
  }

  private static func kind(of code: CURLcode, sink: ResponseSink) -> Kind {
    if sink.exceededLimit || code == CURLE_FILESIZE_EXCEEDED { return .responseTooLarge }
    switch code {
    case CURLE_OPERATION_TIMEDOUT: return .timeout
    case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: return .invalidURL
    case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
      CURLE_SSL_CONNECT_ERROR:
      return .connect
    default: return .transfer
    }
  }
}

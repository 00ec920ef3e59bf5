import HTMLText
import HTTPClient
import Shared

/// The readable text of a source page.
public struct SourcePage: Sendable, Equatable {
  /// The URL asked for, which drafts cite.
  public var url: String
  /// The URL the text came from after redirects.
  public var finalURL: String
  public var title: String
  public var text: String
  /// The charset the bytes were decoded from.
  public var charset: String
}

/// Fetches a source URL for the fact check: public addresses only (unless allowed for tests),
/// redirects followed one by one with a cap and loop detection, a size cap enforced while
/// reading, web pages and plain text only, charset found and converted, HTML reduced to text.
public struct SourcePageFetcher: Sendable {
  /// Browsers stop near 20; an article link needs one or two hops (BR-23).
  public static let maxRedirects = 5
  static let acceptedTypes: Set<String> = ["text/html", "application/xhtml+xml", "text/plain"]

  private let http: HTTPClient
  private let allowPrivateAddresses: Bool

  /// A fetcher with the timeout, size cap and address rule of `settings`.
  public init(settings: EvidenceSettings) {
    let timeout = Double(settings.sourceTimeoutSeconds)
    // Redirects are followed here, not by libcurl, so every hop passes the address check.
    self.http = HTTPClient(
      timeoutSeconds: timeout, connectTimeoutSeconds: min(timeout, 5),
      maxResponseBytes: settings.sourceMaxBytes, followRedirects: false)
    self.allowPrivateAddresses = settings.allowPrivateURLs
  }

  /// The page's text, or the reason there is none.
  public func fetch(_ url: String) throws(SourceFetchError) -> SourcePage {
    guard var current = SourceURL(url) else { throw .invalidURL(url) }
    var visited: Set<String> = []
    while true {
      guard visited.insert(current.text).inserted else { throw .redirectLoop(url: current.text) }
      guard visited.count <= Self.maxRedirects + 1 else {
        throw .tooManyRedirects(limit: Self.maxRedirects)
      }
      if !allowPrivateAddresses { try PublicAddressPolicy.check(host: current.host) }
      let response = try get(current)
      if (300..<400).contains(response.status), let location = response.headers["location"] {
        guard let next = current.resolving(location) else { throw .invalidURL(location) }
        current = next
        continue
      }
      guard (200..<300).contains(response.status) else { throw .httpStatus(response.status) }
      return try page(response, requested: url, final: current.text)
    }
  }

  private func get(_ url: SourceURL) throws(SourceFetchError) -> HTTPClientResponse {
    do {
      return try http.send(
        method: "GET", url: url.text,
        headers: [("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9")])
    } catch {
      if error.kind == .responseTooLarge { throw .tooLarge(limit: http.maxResponseBytes) }
      throw .unreachable("\(error.kind.rawValue): \(error.message)")
    }
  }

  private func page(_ response: HTTPClientResponse, requested: String, final: String)
    throws(SourceFetchError) -> SourcePage
  {
    let contentType = response.headers["content-type"] ?? "text/html"
    let mediaType = contentType.split(separator: ";").first.map { $0.trimmed().lowercased() }
    guard let mediaType, Self.acceptedTypes.contains(mediaType) else {
      throw .unsupportedContentType(contentType)
    }
    let (text, charset) = try PageDecoder.decode(
      response.body, headerCharset: CharsetDecoder.charset(inContentType: contentType))
    if mediaType == "text/plain" {
      return SourcePage(url: requested, finalURL: final, title: "", text: text, charset: charset)
    }
    do {
      let document = try HTMLDocument(bytes: Array(text.utf8), encoding: "UTF-8")
      return SourcePage(
        url: requested, finalURL: final, title: document.title, text: document.text,
        charset: charset)
    } catch {
      throw .undecodable(error.message)
    }
  }
}

/// Picks a page's charset (byte order mark, then HTTP header, then `<meta>`, then UTF-8 when the
/// bytes are valid UTF-8, else windows-1252 as browsers do) and converts the bytes to text.
enum PageDecoder {
  static func decode(_ body: [UInt8], headerCharset: String?) throws(SourceFetchError)
    -> (text: String, charset: String)
  {
    var bytes = body
    var charset = headerCharset
    if let mark = CharsetDecoder.byteOrderMark(body) {
      charset = mark.charset
      bytes = Array(body.dropFirst(mark.length))
    }
    if charset == nil {
      // Any single-byte charset reads ASCII markup correctly, which is all <meta> needs.
      charset = (try? HTMLDocument(bytes: bytes, encoding: "ISO-8859-1"))?.declaredCharset
    }
    let chosen =
      charset ?? (String(validating: bytes, as: UTF8.self) != nil ? "utf-8" : "windows-1252")
    do {
      return (try CharsetDecoder.decode(bytes, charset: chosen), chosen)
    } catch {
      throw .undecodable(error.description)
    }
  }
}

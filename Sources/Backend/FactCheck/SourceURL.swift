import Shared

/// An absolute http(s) URL split into the parts the fetcher checks, and redirect resolution.
struct SourceURL: Equatable {
  var scheme: String
  var host: String
  /// `host` or `host:port`, as written.
  var authority: String
  /// Everything from the first `/`, `?` or `#` after the authority; at least "/".
  var rest: String

  var text: String { scheme + "://" + authority + rest }

  /// Parses an absolute URL; credentials in the URL are refused (they would be sent along).
  init?(_ text: String) {
    guard let marker = text.firstRange(of: "://") else { return nil }
    let scheme = text[..<marker.lowerBound].lowercased()
    guard scheme == "http" || scheme == "https" else { return nil }
    let afterScheme = text[marker.upperBound...]
    let end = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
    let authority = String(afterScheme[..<end])
    guard !authority.isEmpty, !authority.contains("@"),
      !authority.contains(where: { $0.isWhitespace })
    else { return nil }
    self.scheme = scheme
    self.authority = authority
    self.host = Self.host(of: authority)
    guard !host.isEmpty else { return nil }
    let rest = String(afterScheme[end...])
    self.rest = rest.hasPrefix("/") ? rest : "/" + rest
  }

  /// The URL a `Location` header points to, relative to this one.
  func resolving(_ location: String) -> SourceURL? {
    let location = location.trimmed()
    if location.contains("://") { return SourceURL(location) }
    if location.hasPrefix("//") { return SourceURL(scheme + ":" + location) }
    if location.hasPrefix("/") { return SourceURL(scheme + "://" + authority + location) }
    let path = rest.prefix { $0 != "?" && $0 != "#" }
    let directory = path[...(path.lastIndex(of: "/") ?? path.startIndex)]
    return SourceURL(scheme + "://" + authority + directory + location)
  }

  private static func host(of authority: String) -> String {
    if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
      return String(authority[authority.index(after: authority.startIndex)..<close])
    }
    return String(authority.prefix { $0 != ":" }).lowercased()
  }
}

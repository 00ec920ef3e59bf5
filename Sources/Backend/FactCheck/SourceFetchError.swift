/// Why a source URL gave no usable text; each case says what the physician can do about it.
public enum SourceFetchError: Error, CustomStringConvertible, Equatable {
  case invalidURL(String)
  /// The host resolves to loopback, a private network or another non-public address.
  case privateAddress(host: String)
  case unresolvable(host: String)
  case redirectLoop(url: String)
  case tooManyRedirects(limit: Int)
  /// The page is larger than the cap; reading stopped there (BR-22).
  case tooLarge(limit: Int)
  case unsupportedContentType(String)
  case httpStatus(Int)
  case unreachable(String)
  case undecodable(String)

  public var description: String {
    switch self {
    case .invalidURL(let url): return "not an http(s) URL: \(url)"
    case .privateAddress(let host): return "refused: \(host) is a private or loopback address"
    case .unresolvable(let host): return "host not found: \(host)"
    case .redirectLoop(let url): return "redirect loop: \(url) was reached twice"
    case .tooManyRedirects(let limit): return "more than \(limit) redirects"
    case .tooLarge(let limit): return "page larger than \(limit) bytes; reading stopped there"
    case .unsupportedContentType(let type): return "not a web page or text (\(type))"
    case .httpStatus(let status): return "the server answered \(status)"
    case .unreachable(let detail): return "unreachable: \(detail)"
    case .undecodable(let detail): return "text could not be decoded: \(detail)"
    }
  }
}

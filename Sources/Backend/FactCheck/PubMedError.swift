/// Why PubMed gave no usable answer. Messages name the E-utility, never the URL, which carries
/// the API key.
public enum PubMedError: Error, CustomStringConvertible, Equatable {
  /// No HTTP answer (connect failure, timeout) after every attempt.
  case unreachable(endpoint: String, detail: String)
  /// Still 429 or 5xx after every attempt.
  case gaveUp(endpoint: String, status: Int, attempts: Int)
  /// A status that retrying cannot fix, such as 400.
  case rejected(endpoint: String, status: Int, body: String)
  /// The body was not the JSON or XML E-utilities send.
  case invalidResponse(endpoint: String, detail: String)
  /// ESearch answered with an `ERROR` member instead of results.
  case searchFailed(String)
  /// The shared rate limiter (Redis) could not be asked, so no request was sent.
  case rateLimiterUnavailable(String)

  public var description: String {
    switch self {
    case .unreachable(let endpoint, let detail):
      return "PubMed \(endpoint) unreachable: \(detail)"
    case .gaveUp(let endpoint, let status, let attempts):
      return "PubMed \(endpoint) answered \(status) on all \(attempts) attempts"
    case .rejected(let endpoint, let status, let body):
      return "PubMed \(endpoint) rejected the request (\(status)): \(body)"
    case .invalidResponse(let endpoint, let detail):
      return "PubMed \(endpoint) sent an unreadable answer: \(detail)"
    case .searchFailed(let message):
      return "PubMed search failed: \(message)"
    case .rateLimiterUnavailable(let detail):
      return "PubMed not asked: the shared rate limiter is unavailable (\(detail))"
    }
  }
}

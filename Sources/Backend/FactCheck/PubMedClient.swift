import FoundationEssentials
import HTTPClient
import Shared

/// A client of NCBI's E-utilities (ESearch as JSON, EFetch as XML) that identifies itself with
/// `tool` and `email`, sends the API key when there is one, waits its turn at the shared rate
/// limiter before every request, and retries 429 and 5xx answers.
public struct PubMedClient: Sendable {
  /// How often a request is tried, and how long to wait when the answer names no time.
  public struct RetryPolicy: Sendable {
    public var attempts: Int
    /// Waits before the 2nd, 3rd, ... attempt when there is no usable `Retry-After`.
    public var backoffSeconds: [Double]
    /// A longer `Retry-After` is not honoured in full: a draft should not hang for minutes.
    public var maxRetryAfterSeconds: Double

    /// A policy of `attempts` tries with the given waits.
    public init(attempts: Int, backoffSeconds: [Double], maxRetryAfterSeconds: Double) {
      self.attempts = attempts
      self.backoffSeconds = backoffSeconds
      self.maxRetryAfterSeconds = maxRetryAfterSeconds
    }

    /// Four attempts, 1 s / 2 s / 4 s apart (BR-14: NCBI's 429 usually names no time).
    public static let standard = RetryPolicy(
      attempts: 4, backoffSeconds: [1, 2, 4], maxRetryAfterSeconds: 30)
  }

  private let settings: EvidenceSettings
  private let limiter: PubMedRateLimiter
  private let http: HTTPClient
  private let retry: RetryPolicy
  private let logger: Logger?

  /// A client for `settings.pubmedBaseURL`, spacing its requests with `limiter`.
  public init(
    settings: EvidenceSettings, limiter: PubMedRateLimiter,
    http: HTTPClient = HTTPClient(timeoutSeconds: 20, connectTimeoutSeconds: 5),
    retry: RetryPolicy = .standard, logger: Logger? = nil
  ) {
    self.settings = settings
    self.limiter = limiter
    self.http = http
    self.retry = retry
    self.logger = logger
  }

  /// ESearch: the first `limit` PMIDs for `term`, by relevance, with PubMed's warnings.
  public func search(_ term: String, limit: Int = 3) throws(PubMedError) -> PubMedSearchResult {
    let body = try get(
      "esearch",
      [("db", "pubmed"), ("term", term), ("retmax", String(limit)), ("retmode", "json")])
    let envelope: ESearchEnvelope
    do {
      envelope = try JSONDecoder().decode(ESearchEnvelope.self, from: Data(body))
    } catch {
      throw .invalidResponse(endpoint: "esearch", detail: "not ESearch JSON")
    }
    let result = envelope.esearchresult
    if let message = result.error { throw .searchFailed(message) }
    guard let countText = result.count, let count = Int(countText.trimmed()) else {
      throw .invalidResponse(endpoint: "esearch", detail: "no count")
    }
    return PubMedSearchResult(
      count: count, ids: result.idlist?.items ?? [],
      phrasesNotFound: result.errorlist?.phrasesnotfound?.items ?? [],
      fieldsNotFound: result.errorlist?.fieldsnotfound?.items ?? [],
      quotedPhrasesNotFound: result.warninglist?.quotedphrasesnotfound?.items ?? [],
      phrasesIgnored: result.warninglist?.phrasesignored?.items ?? [],
      outputMessages: result.warninglist?.outputmessages?.items ?? [])
  }

  /// EFetch: the records of `ids` with their abstracts.
  public func articles(_ ids: [String]) throws(PubMedError) -> [PubMedArticle] {
    guard !ids.isEmpty else { return [] }
    let body = try get(
      "efetch",
      [
        ("db", "pubmed"), ("id", ids.joined(separator: ",")), ("rettype", "abstract"),
        ("retmode", "xml"),
      ])
    return try PubMedArticleParser.articles(from: body)
  }

  /// One GET through the limiter, retried on 429, 5xx and transport failures.
  private func get(_ endpoint: String, _ parameters: [(String, String)]) throws(PubMedError)
    -> [UInt8]
  {
    let url = settings.pubmedBaseURL + "/" + endpoint + ".fcgi?" + query(parameters)
    var lastFailure = PubMedError.unreachable(endpoint: endpoint, detail: "not tried")
    for attempt in 1...max(1, retry.attempts) {
      try limiter.acquire()
      let started = ContinuousClock.now
      var wait = backoff(after: attempt)
      let response: HTTPClientResponse
      do {
        response = try http.send(method: "GET", url: url, headers: [:])
      } catch {
        // HTTPClientError never carries the query string, so the API key cannot leak here.
        log(endpoint, attempt: attempt, status: 0, since: started)
        lastFailure = .unreachable(endpoint: endpoint, detail: "\(error.kind): \(error.message)")
        if attempt < retry.attempts { Pause.seconds(wait) }
        continue
      }
      log(endpoint, attempt: attempt, status: response.status, since: started)
      if (200..<300).contains(response.status) { return response.body }
      guard response.status == 429 || response.status >= 500 else {
        throw .rejected(
          endpoint: endpoint, status: response.status, body: String(response.text.prefix(200)))
      }
      lastFailure = .gaveUp(endpoint: endpoint, status: response.status, attempts: attempt)
      wait = retryAfter(response.headers["retry-after"]) ?? wait
      if attempt < retry.attempts { Pause.seconds(wait) }
    }
    throw lastFailure
  }

  private func backoff(after attempt: Int) -> Double {
    guard !retry.backoffSeconds.isEmpty else { return 1 }
    return retry.backoffSeconds[min(attempt - 1, retry.backoffSeconds.count - 1)]
  }

  /// `Retry-After` in seconds (the HTTP-date form is not used by NCBI and is ignored).
  private func retryAfter(_ value: String?) -> Double? {
    guard let value, let seconds = Double(value.trimmed()), seconds >= 0 else { return nil }
    return min(seconds, retry.maxRetryAfterSeconds)
  }

  private func query(_ parameters: [(String, String)]) -> String {
    var all = parameters + [("tool", settings.pubmedTool)]
    if let email = settings.pubmedEmail { all.append(("email", email)) }
    if let key = settings.pubmedAPIKey { all.append(("api_key", key)) }
    return all.map { QueryEncoding.escaped($0.0) + "=" + QueryEncoding.escaped($0.1) }
      .joined(separator: "&")
  }

  /// One line per request: endpoint, attempt, status and time; never the URL (it has the key).
  private func log(
    _ endpoint: String, attempt: Int, status: Int, since start: ContinuousClock.Instant
  ) {
    let elapsed = ContinuousClock.now - start
    let milliseconds =
      Double(elapsed.components.attoseconds) / 1e15
      + Double(elapsed.components.seconds) * 1000
    logger?.info(
      "pubmed_request",
      [
        ("endpoint", .string(endpoint)), ("attempt", .int(Int64(attempt))),
        ("status", .int(Int64(status))), ("duration_ms", .double(milliseconds)),
      ])
  }
}

/// Percent-encoding of query-string parts (RFC 3986: only unreserved characters stay as-is).
enum QueryEncoding {
  static func escaped(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      let isUnreserved =
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E || byte == 0x5F
        || byte == 0x7E
      if isUnreserved {
        result.append(Character(Unicode.Scalar(byte)))
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        result += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return result
  }
}

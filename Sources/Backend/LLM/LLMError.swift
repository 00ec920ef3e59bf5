/// Why one call to one LLM provider produced no usable answer; its text never holds the API key.
public struct LLMError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The kind of failure; the raw value is the `outcome` stored in `llm_calls` and the metric
  /// status.
  public enum Kind: String, Sendable {
    case timeout
    case connect = "connect_error"
    case overloaded
    case rateLimited = "rate_limited"
    case server = "server_error"
    case badRequest = "bad_request"
    case notFound = "not_found"
    case authFailed = "auth_failed"
    case quotaExhausted = "quota_exhausted"
    case malformed = "malformed_response"
  }

  /// `anthropic` or `openai`.
  public var provider: String
  /// The model asked for.
  public var model: String
  /// What kind of failure it was.
  public var kind: Kind
  /// The HTTP status, when the provider answered.
  public var status: Int?
  /// The provider's own words or what was wrong with its answer, keys removed.
  public var detail: String
  /// The wait the provider asked for before another try, in seconds.
  public var retryAfterSeconds: Double?

  /// An error from its parts.
  public init(
    provider: String, model: String, kind: Kind, status: Int? = nil, detail: String,
    retryAfterSeconds: Double? = nil
  ) {
    self.provider = provider
    self.model = model
    self.kind = kind
    self.status = status
    self.detail = detail
    self.retryAfterSeconds = retryAfterSeconds
  }

  /// Whether trying the same provider again may help: capacity and transport trouble, not a
  /// refused key, an exhausted quota or a request the provider rejects.
  public var isTransient: Bool {
    switch self.kind {
    case .timeout, .connect, .overloaded, .rateLimited, .server: return true
    case .badRequest, .notFound, .authFailed, .quotaExhausted, .malformed: return false
    }
  }

  /// Whether the next provider should be tried. A 400 is about the prompt, which the next
  /// provider would get unchanged and refuse too; everything else is about this provider.
  public var allowsFallback: Bool { self.kind != .badRequest }

  /// Whether an operator must act (a key or billing problem), so it is logged at error level.
  public var needsOperator: Bool { self.kind == .authFailed || self.kind == .quotaExhausted }

  /// The outcome stored in `llm_calls` and used as the metric status.
  public var outcome: String { self.kind.rawValue }

  public var description: String {
    let status = self.status.map { "HTTP \($0) " } ?? ""
    return "\(self.provider) (\(self.model)): \(status)\(self.kind.rawValue): \(self.detail)"
  }
}

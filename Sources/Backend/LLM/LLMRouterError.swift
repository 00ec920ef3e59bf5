/// Every provider failed (or the task was stopped between attempts); names each provider tried
/// and why it failed.
public struct LLMRouterError: Error, CustomStringConvertible, Sendable {
  /// Each failed attempt in order.
  public var failures: [LLMError]
  /// Whether the router stopped because the task was cancelled.
  public var cancelled: Bool

  /// A failure of the given attempts.
  public init(failures: [LLMError], cancelled: Bool = false) {
    self.failures = failures
    self.cancelled = cancelled
  }

  /// Whether retrying the whole task cannot help: nothing transient went wrong, only refused
  /// keys, exhausted quotas, rejected requests or unknown models.
  public var isPermanent: Bool {
    !self.cancelled && !self.failures.isEmpty
      && self.failures.allSatisfy { !$0.isTransient && $0.kind != .malformed }
  }

  public var description: String {
    if self.failures.isEmpty { return "no LLM provider is configured" }
    // The last failure of each provider says why it was given up.
    var lastByProvider: [(String, LLMError)] = []
    for failure in self.failures {
      lastByProvider.removeAll { $0.0 == failure.provider }
      lastByProvider.append((failure.provider, failure))
    }
    let reasons = lastByProvider.map { "\($0.1) (\(self.count(of: $0.0)) attempts)" }
    let lead =
      self.cancelled ? "LLM call stopped (task cancelled) after" : "all LLM providers failed:"
    return lead + " " + reasons.joined(separator: "; ")
  }

  private func count(of provider: String) -> Int {
    self.failures.filter { $0.provider == provider }.count
  }
}

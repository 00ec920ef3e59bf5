/// The LLM metrics the worker exports, registered at start so they show before any call.
public struct LLMMetrics: Sendable {
  /// Calls by provider, model and status (`ok` or an `LLMError.Kind` raw value).
  public let requests: Counter
  /// Tokens by provider, model and direction (`in`, `out`).
  public let tokens: Counter
  /// Dollars spent by provider and model.
  public let cost: Counter
  /// Call duration in seconds, by provider and model.
  public let duration: Histogram
  /// 1 while a provider's last call failed for a key or billing reason (`auth_failed`,
  /// `quota_exhausted`), which only an operator can fix.
  public let alarm: Gauge

  /// Buckets in seconds up to the 30 s attempt timeout and beyond, for slow custom settings.
  public static let durationBuckets: [Double] = [0.5, 1, 2, 5, 10, 20, 30, 60, 120]

  /// Registers the LLM metrics in a registry.
  public init(registry: MetricsRegistry) {
    self.requests = registry.counter(
      "llm_requests_total", help: "LLM calls by outcome.", labels: ["provider", "model", "status"])
    self.tokens = registry.counter(
      "llm_tokens_total", help: "LLM tokens billed.", labels: ["provider", "model", "direction"])
    self.cost = registry.counter(
      "llm_cost_usd_total", help: "LLM cost in US dollars.", labels: ["provider", "model"])
    self.duration = registry.histogram(
      "llm_request_duration_seconds", help: "LLM call duration in seconds.",
      labels: ["provider", "model"], buckets: LLMMetrics.durationBuckets)
    self.alarm = registry.gauge(
      "llm_provider_alarm", help: "1 while a provider is refused for its key or quota.",
      labels: ["provider", "reason"])
  }
}

import Shared

/// Accounts for one LLM call: the `llm_router` log line, the metrics, the `llm_calls` row, and
/// the operator alarm for a refused key or an exhausted quota.
struct LLMCallAccounting: Sendable {
  let calls: LLMCallStore?
  let metrics: LLMMetrics
  let alarms: LLMProviderAlarms
  let logger: Logger

  /// The outcome stored for an answer cut off by the token limit: billed, but not a post.
  static let truncatedOutcome = "truncated"

  func record(
    client: any LLMClient, context: LLMCallContext, started: ContinuousClock.Instant,
    result: Result<LLMAnswer, LLMError>, cost: Double, priced: Bool
  ) {
    let seconds = Self.seconds(since: started)
    let (outcome, tokensIn, tokensOut, error) = Self.summary(of: result)
    self.log(client, context, outcome: outcome, seconds: seconds, tokens: (tokensIn, tokensOut))
    if !priced { self.logger.warning("llm_price_unknown", [("model", .string(client.model))]) }
    self.count(
      client, outcome: outcome, seconds: seconds, tokens: (tokensIn, tokensOut), cost: cost)
    self.updateAlarm(client, result: result)
    do {
      try self.calls?.record(
        draftId: context.draftId, taskId: context.taskId, provider: client.provider,
        model: client.model, tokensIn: tokensIn, tokensOut: tokensOut, costUSD: cost,
        durationMs: seconds * 1000, outcome: outcome, error: error?.description)
    } catch {
      // The call happened either way; a lost row costs a figure on the dashboard, not a draft.
      self.logger.warning("llm_call_not_recorded", [("error", .string("\(error)"))])
    }
  }

  private static func summary(
    of result: Result<LLMAnswer, LLMError>
  ) -> (String, Int, Int, LLMError?) {
    switch result {
    case .success(let answer):
      let outcome = answer.finished ? LLMCallStore.okOutcome : Self.truncatedOutcome
      return (outcome, answer.tokensIn, answer.tokensOut, nil)
    case .failure(let error):
      return (error.outcome, 0, 0, error)
    }
  }

  private func log(
    _ client: any LLMClient, _ context: LLMCallContext, outcome: String, seconds: Double,
    tokens: (Int, Int)
  ) {
    var fields: [(String, LogValue)] = [
      ("provider", .string(client.provider)), ("model", .string(client.model)),
      ("duration_ms", .double(seconds * 1000)), ("tokens_in", .int(Int64(tokens.0))),
      ("tokens_out", .int(Int64(tokens.1))), ("outcome", .string(outcome)),
    ]
    if let draftId = context.draftId { fields.append(("draft_id", .int(draftId))) }
    let level: LogLevel = outcome == LLMCallStore.okOutcome ? .info : .warning
    self.logger.log(level, "llm_router", fields)
  }

  private func count(
    _ client: any LLMClient, outcome: String, seconds: Double, tokens: (Int, Int), cost: Double
  ) {
    let labels = [client.provider, client.model]
    self.metrics.requests.increment(labels + [outcome])
    self.metrics.tokens.increment(labels + ["in"], by: Double(tokens.0))
    self.metrics.tokens.increment(labels + ["out"], by: Double(tokens.1))
    self.metrics.cost.increment(labels, by: cost)
    self.metrics.duration.observe(seconds, labels)
  }

  /// Raises the alarm loudly (error level, gauge, health flag) on a key or billing failure,
  /// which retrying cannot fix, and lowers it when the provider answers again.
  private func updateAlarm(_ client: any LLMClient, result: Result<LLMAnswer, LLMError>) {
    switch result {
    case .failure(let error) where error.needsOperator:
      self.alarms.raise(provider: client.provider, reason: error.outcome)
      self.metrics.alarm.set(1, [client.provider, error.outcome])
      self.logger.error(
        "llm_\(error.outcome)",
        [
          ("provider", .string(client.provider)), ("model", .string(client.model)),
          ("status", .int(Int64(error.status ?? 0))), ("detail", .string(error.detail)),
        ])
    case .success:
      if let reason = self.alarms.clear(provider: client.provider) {
        self.metrics.alarm.set(0, [client.provider, reason])
      }
    case .failure:
      break
    }
  }

  private static func seconds(since started: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - started
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }
}

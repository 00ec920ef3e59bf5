import Postgres

/// One row per LLM request in `llm_calls`, for cost and error-rate figures.
public struct LLMCallStore: Sendable {
  /// The outcome of a call that returned usable text; anything else counts as an error.
  public static let okOutcome = "ok"

  private let pool: PostgresPool

  /// A store over the pool.
  public init(pool: PostgresPool) {
    self.pool = pool
  }

  /// Records one call; `outcome` is `ok` or a short reason such as `timeout` or `rate_limited`.
  public func record(
    draftId: Int64?, taskId: String?, provider: String, model: String, tokensIn: Int,
    tokensOut: Int, costUSD: Double, durationMs: Double, outcome: String, error: String?
  ) throws {
    try pool.execute(
      """
      INSERT INTO llm_calls (draft_id, task_id, provider, model, tokens_in, tokens_out, cost_usd,
        duration_ms, outcome, error)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      """,
      [
        draftId, taskId, provider, model, tokensIn, tokensOut, costUSD, durationMs, outcome,
        error,
      ])
  }
}

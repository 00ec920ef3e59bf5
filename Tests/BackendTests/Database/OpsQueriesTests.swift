import Backend
import Postgres
import Shared
import Testing

extension DatabaseTests {
  @Suite("OpsQueriesTests")
  struct OpsQueriesTests {
    let database: DatabaseFixture
    let queries: OpsQueries

    init() throws {
      database = try DatabaseFixture()
      queries = OpsQueries(pool: database.pool)
    }

    private func addRun(_ outcome: TaskRunOutcome, ms: Double, name: String = "generate_draft")
      throws
    {
      let runs = TaskRunStore(pool: database.pool)
      let id = try runs.start(taskId: "t", taskName: name, attempt: 1, worker: "w1")
      try runs.finish(runId: id, outcome: outcome, error: nil, durationMs: ms)
    }

    @Test("failure rate counts failed, timed-out and dead attempts among finished ones")
    func taskStatsCountFailures() throws {
      // 20 attempts of 1..20 s: 3 failures of three kinds, one lost (finished, not a failure).
      let outcomes: [TaskRunOutcome] =
        [.failed, .timedOut, .dead, .lost]
        + Array(repeating: .succeeded, count: 16)
      for (index, outcome) in outcomes.enumerated() {
        try addRun(outcome, ms: Double(index + 1) * 1000)
      }
      let runs = TaskRunStore(pool: database.pool)
      _ = try runs.start(taskId: "t", taskName: "generate_draft", attempt: 2, worker: "w1")
      try database.pool.execute(
        """
        INSERT INTO task_runs (task_id, task_name, attempt, worker, outcome, finished_at,
          duration_ms) VALUES ('old', 'generate_draft', 1, 'w1', 'failed',
          now() - interval '2 hours', 1)
        """)

      let stats = try queries.taskStats(sinceSeconds: 3600)
      #expect(stats.total == 20 && stats.failed == 3)
      // percentile_cont(0.95) over 1..20 s: 19 + 0.05 * (20 - 19) = 19.05 s.
      #expect(abs((stats.p95Seconds ?? 0) - 19.05) < 0.000_1)
      #expect(try queries.taskStats(sinceSeconds: 3600, taskName: "publish_post").total == 0)
    }

    @Test("with no finished attempt the p95 is absent")
    func emptyWindowHasNoP95() throws {
      let stats = try queries.taskStats(sinceSeconds: 3600)
      #expect(stats.total == 0 && stats.failed == 0 && stats.p95Seconds == nil)
    }

    @Test("LLM cost splits today and this month in UTC, and errors are non-ok calls")
    func llmFigures() throws {
      let calls = LLMCallStore(pool: database.pool)
      for (cost, outcome) in [(0.25, "ok"), (0.5, "ok"), (0.125, "timeout")] {
        try calls.record(
          draftId: nil, taskId: "t", provider: "anthropic", model: "m", tokensIn: 10, tokensOut: 5,
          costUSD: cost, durationMs: 100, outcome: outcome, error: nil)
      }
      try database.pool.execute(
        """
        INSERT INTO llm_calls (provider, model, cost_usd, duration_ms, outcome, created_at) VALUES
          ('a', 'm', 2, 1, 'ok', date_trunc('day', now(), 'UTC') - interval '1 second'),
          ('a', 'm', 4, 1, 'ok', date_trunc('month', now(), 'UTC') - interval '1 day')
        """)
      let sameMonth = try database.pool.query(
        """
        SELECT date_trunc('month', now(), 'UTC') < date_trunc('day', now(), 'UTC') AS same
        """)[0].bool("same")

      let cost = try queries.llmCost()
      #expect(cost.today == 0.875)
      #expect(cost.month == (sameMonth ? 2.875 : 0.875))
      let stats = try queries.llmStats(sinceSeconds: 300)
      #expect(stats.calls == 3 && stats.errors == 1)
    }
  }
}

import FoundationEssentials
import HTTPServer
import Redis
import Shared

/// `GET /api/v1/ops/summary`: the on-call view in one answer. Each part that cannot be read is
/// left at zero while the services list says which dependency is down.
struct OpsRoutes: Sendable {
  let ops: OpsQueries
  let notifications: NotificationStore
  let queue: TaskQueue
  let redis: RedisPool
  let probe: ServiceProbe
  let logger: Logger

  /// The Redis list of `OpsSample` JSON the scheduler appends to.
  static let historyKey = "sera:ops:history"
  // Enough for a sparkline across a wide terminal.
  static let historyLimit = 240
  static let notificationLimit = 20

  func register(in router: inout Router) {
    let routes = self
    router.add("GET", "/api/v1/ops/summary", .read) { _ throws(APIError) in
      .json(routes.snapshot())
    }
  }

  func snapshot() -> OpsSnapshot {
    let services = probe.services()
    let tasks =
      read("task_stats") { try ops.taskStats(sinceSeconds: 3600) } ?? (
        total: 0, failed: 0, p95Seconds: nil
      )
    let cost = read("llm_cost") { try ops.llmCost() } ?? (today: 0, month: 0)
    let llm = read("llm_stats") { try ops.llmStats(sinceSeconds: 300) } ?? (calls: 0, errors: 0)
    let counts =
      read("queue_counts") { try queue.counts() }
      ?? QueueCounts(depth: 0, inFlight: 0, delayed: 0, dead: 0)
    return OpsSnapshot(
      services: services, queue: counts, tasksLastHour: tasks.total,
      failedTasksLastHour: tasks.failed, failureRateLastHour: ratio(tasks.failed, tasks.total),
      p95TaskDurationSeconds: tasks.p95Seconds, llmCostTodayUSD: cost.today,
      llmCostMonthUSD: cost.month, llmCallsLast5m: llm.calls,
      llmErrorRateLast5m: ratio(llm.errors, llm.calls), history: history(),
      notifications: read("notifications") {
        try notifications.recent(limit: OpsRoutes.notificationLimit)
      } ?? [])
  }

  /// The samples oldest first, whichever end the writer pushes to; unreadable entries skipped.
  func history() -> [OpsSample] {
    let reply = read("ops_history") {
      try redis.checked(["LRANGE", OpsRoutes.historyKey, "0", String(OpsRoutes.historyLimit - 1)])
    }
    let samples = (reply?.elements ?? []).compactMap { element -> OpsSample? in
      guard case .string(let bytes) = element else { return nil }
      return try? SeraJSON.decode(OpsSample.self, from: bytes)
    }
    return samples.sorted { $0.at < $1.at }
  }

  private func ratio(_ part: Int, _ whole: Int) -> Double {
    whole > 0 ? Double(part) / Double(whole) : 0
  }

  private func read<T>(_ what: String, _ body: () throws -> T) -> T? {
    do {
      return try body()
    } catch {
      logger.warning(
        "ops_part_unavailable", [("part", .string(what)), ("error", .string("\(error)"))])
      return nil
    }
  }
}

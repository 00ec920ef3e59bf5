import Foundation
import Shared

@testable import SeraTUI

/// Shared builders for the dashboard tests.
enum Fixtures {
  static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

  static func draft(_ id: Int64, _ topic: String, status: DraftStatus = .generated) -> Draft {
    Draft(
      id: id, userId: 1, topic: topic, platform: .telegram, status: status, version: 2,
      content: "Text of \(id)", createdAt: epoch, updatedAt: epoch)
  }

  static func data(drafts: [Draft], role: Role? = .physician) -> DashboardData {
    var data = DashboardData(backendURL: "http://127.0.0.1:8001")
    data.whoAmI = role.map { WhoAmI(userId: 1, username: "doc", role: $0) }
    data.drafts.succeed(drafts, at: epoch)
    data.health.succeed(
      ["backend", "worker", "scheduler", "postgres", "redis"].map {
        ServiceHealth(name: $0, state: .up, latencyMs: 1.5, checkedAt: epoch)
      }, at: epoch)
    data.ops.succeed(ops(), at: epoch)
    data.lastUpdate = epoch
    return data
  }

  static func ops(depth: Int = 3, failureRate: Double = 0.01) -> OpsSnapshot {
    OpsSnapshot(
      generatedAt: epoch, services: [],
      queue: QueueCounts(depth: depth, inFlight: 1, delayed: 0, dead: 0),
      tasksLastHour: 100, failedTasksLastHour: Int(failureRate * 100),
      failureRateLastHour: failureRate,
      p95TaskDurationSeconds: 12, llmCostTodayUSD: 0.12, llmCostMonthUSD: 3.4, llmCallsLast5m: 10,
      llmErrorRateLast5m: 0)
  }

  /// A state that has taken `data` in, as the UI loop does.
  static func state(_ data: DashboardData, readOnly: Bool = false) -> DashboardState {
    TextWidth.ensureUTF8Locale()
    var state = DashboardState(backendURL: data.backendURL, readOnly: readOnly)
    _ = state.apply(data)
    return state
  }

  /// The A.5 #1 titles: Cyrillic, CJK, ZWJ, skin tone, VS16, flag, combining mark, 200 chars.
  static let wideTitles = [
    "Жовтяниця у дітей", "你好世界 клінічний випадок", "🧑‍💻 Новий протокол", "👍🏽 результати",
    "❤️ кардіологія", "🇺🇦 вакцинація", "e\u{301}tude", String(repeating: "довга назва ", count: 17),
  ]
}

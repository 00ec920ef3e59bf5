import Foundation
import Shared
import Testing

@testable import SeraTUI

@Suite("Ops view on the virtual screen")
struct OpsViewTests {
  static func opsState(_ data: DashboardData) -> DashboardState {
    var state = Fixtures.state(data)
    _ = state.handle(.character("o"))
    return state
  }

  @Test func showsEveryServiceWithStateLatencyAndLastCheck() {
    let screen = DashboardView.render(
      Self.opsState(Fixtures.data(drafts: [])), width: 80, height: 24, now: Fixtures.epoch)
    for service in ["backend", "worker", "scheduler", "postgres", "redis"] {
      #expect(screen.text.contains("│" + service), "missing \(service)")
    }
    #expect(screen.text.contains("1.5 ms"))
    #expect(screen.text.contains(PanelTitle.clock(Fixtures.epoch)))
  }

  @Test func queueOverLimitShowsAlertSparklineAndTheRunbookStep() {
    var ops = Fixtures.ops(depth: 150)
    ops.history = (0..<10).map {
      OpsSample(
        at: Fixtures.epoch, queueDepth: $0 * 15, failureRate: 0, p95Seconds: nil,
        llmCostTodayUSD: 0, llmErrorRate: 0)
    }
    var data = Fixtures.data(drafts: [])
    data.ops.succeed(ops, at: Fixtures.epoch)
    let screen = DashboardView.render(
      Self.opsState(data), width: 100, height: 30, now: Fixtures.epoch)
    #expect(screen.rowText(2).contains("restart the worker"))
    #expect(screen.text.contains("ALERT"))
    #expect(screen.text.contains("▁") && screen.text.contains("█"))
  }

  @Test func staleOpsSayStaleAndRaiseNoThresholdAlert() {
    var data = Fixtures.data(drafts: [])
    data.ops.succeed(Fixtures.ops(depth: 500), at: Fixtures.epoch)
    for _ in 0..<3 { data.ops.fail("backend unreachable") }
    let screen = DashboardView.render(
      Self.opsState(data), width: 80, height: 24, now: Fixtures.epoch)
    #expect(screen.text.contains("STALE since"))
    #expect(!screen.rowText(2).contains("queue"))
  }

  @Test func reindexShowsRateAndETA() {
    let start = Fixtures.epoch
    let progress = ReindexProgress(
      state: .running, documentsDone: 5, documentsTotal: 10, chunksDone: 100, chunksTotal: 300,
      startedAt: start, updatedAt: start.addingTimeInterval(10))
    let line = ReindexMeter.line(progress, width: 70)
    #expect(line.contains("10.0 chunks/s"))
    #expect(line.contains("ETA 20 s"))
  }

  @Test func everyLengthMeterIsShownAndXIsWeighted() {
    let meters = DetailView.meters(String(repeating: "你", count: 200), platform: .twitter)
    #expect(meters.count == 3)
    #expect(meters.contains { $0.0.contains("X 400/280") && $0.1 == .alert })
    #expect(meters.contains { $0.0.contains("Telegram 200/4096") })
  }
}

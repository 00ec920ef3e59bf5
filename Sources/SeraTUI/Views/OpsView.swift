import Foundation
import Shared

/// The on-call screen: the service map as a table, each runbook figure with its sparkline and
/// threshold, the dead tasks, and the reindex progress with rate and ETA.
enum OpsView {
  static func draw(
    _ state: DashboardState, layout: Layout, now: Date, into screen: inout ScreenBuffer
  ) {
    let data = state.data
    let width = layout.width
    let services = data.health.value ?? []
    let healthRect = Rect(row: 3, column: 0, width: width, height: max(3, services.count + 3))
    screen.box(healthRect, title: PanelTitle.text(Strings.health, feed: data.health))
    screen.line(Strings.Ops.healthColumns, in: healthRect.inner, row: 0, style: .dim)
    for (offset, service) in services.enumerated() {
      let style: Style = data.health.isStale ? .stale : HealthPanel.style(of: service.state)
      screen.line(row(service, now: now), in: healthRect.inner, row: offset + 1, style: style)
    }
    // Every firing alert with its runbook step; the banner above has room for only the first.
    let alerts = AlertRules.current(data).map { ($0, Style.alert) }
    let figures = alerts + figureLines(data, width: width - 2)
    let opsRect = Rect(
      row: healthRect.row + healthRect.height, column: 0, width: width, height: figures.count + 2)
    screen.box(opsRect, title: PanelTitle.text(Strings.ops, feed: data.ops))
    for (offset, line) in figures.enumerated() {
      let style: Style = data.ops.isStale ? .stale : line.1
      screen.line(line.0, in: opsRect.inner, row: offset, style: style)
    }
    let deadTop = opsRect.row + opsRect.height
    let deadRect = Rect(
      row: deadTop, column: 0, width: width, height: max(0, layout.footerRow - deadTop))
    drawDead(data, in: deadRect, into: &screen)
  }

  /// `backend   UP      1.5 ms  12:00:01 ...` — the state in words, never by colour alone.
  static func row(_ service: ServiceHealth, now: Date) -> String {
    let name = TextWidth.fit(UntrustedText.line(service.name), to: 10)
    let state = TextWidth.fit(HealthPanel.label(of: service.state), to: 8)
    let latency = TextWidth.fit(service.latencyMs.map(Strings.latency) ?? "-", to: 8)
    let checked = TextWidth.fit(PanelTitle.clock(service.checkedAt), to: 9)
    return name + state + latency + checked + UntrustedText.line(service.detail ?? "")
  }

  /// Each runbook figure with its sparkline; alerting lines in the alert style with ALERT.
  static func figureLines(_ data: DashboardData, width: Int) -> [(String, Style)] {
    guard let ops = data.ops.value else {
      return [(data.ops.error.map(UntrustedText.line) ?? Strings.loading, .dim)]
    }
    let history = ops.history
    let spark = { (values: [Double]) in Sparkline.render(values.suffix(20)) }
    let perDraft = perDraftCost(ops, drafts: data.drafts.value ?? [], now: ops.generatedAt)
    var lines: [(String, Bool, String)] = [
      (
        Strings.Ops.queue(ops.queue), ops.queue.depth > RunbookThresholds.queueDepth,
        spark(history.map { Double($0.queueDepth) })
      ),
      (
        Strings.Ops.failures(
          rate: ops.failureRateLastHour, failed: ops.failedTasksLastHour, total: ops.tasksLastHour),
        ops.failureRateLastHour > RunbookThresholds.taskFailureRate,
        spark(history.map(\.failureRate))
      ),
      (
        Strings.Ops.p95(ops.p95TaskDurationSeconds),
        (ops.p95TaskDurationSeconds ?? 0) > RunbookThresholds.generateDraftP95Seconds,
        spark(history.map { $0.p95Seconds ?? 0 })
      ),
      (
        Strings.Ops.cost(
          today: ops.llmCostTodayUSD, month: ops.llmCostMonthUSD, perDraft: perDraft),
        false, spark(history.map(\.llmCostTodayUSD))
      ),
      (
        Strings.Ops.llmErrors(rate: ops.llmErrorRateLast5m, calls: ops.llmCallsLast5m),
        ops.llmErrorRateLast5m > RunbookThresholds.llmErrorRate,
        spark(history.map(\.llmErrorRate))
      ),
    ]
    if let progress = data.reindex, progress.state != .idle {
      lines.append((Strings.Ops.reindex(progress), false, ""))
      lines.append((ReindexMeter.line(progress, width: width), false, ""))
    }
    let labelWidth = max(0, width - 23)
    return lines.map { text, alerting, sparkline in
      let label = TextWidth.fit(text + (alerting ? " " + Strings.alert : ""), to: labelWidth)
      return (label + " " + sparkline, alerting ? .alert : .normal)
    }
  }

  /// The month's LLM cost over the drafts with text created in the last 30 days. An estimate:
  /// the API has no per-draft cost, and the list holds at most the newest 200 drafts.
  static func perDraftCost(_ ops: OpsSnapshot, drafts: [Draft], now: Date) -> Double? {
    let recent = drafts.filter {
      $0.content != nil && now.timeIntervalSince($0.createdAt) < 30 * 86400
    }
    return recent.isEmpty ? nil : ops.llmCostMonthUSD / Double(recent.count)
  }

  private static func drawDead(
    _ data: DashboardData, in rect: Rect, into screen: inout ScreenBuffer
  ) {
    guard rect.height >= 3 else { return }
    screen.box(rect, title: PanelTitle.text(Strings.queue, feed: data.queue))
    let dead = data.queue.value?.dead ?? []
    if dead.isEmpty {
      screen.line(Strings.noDeadTasks, in: rect.inner, row: 0, style: .dim)
    }
    for (offset, task) in dead.prefix(rect.inner.height).enumerated() {
      let name = TextWidth.fit(UntrustedText.line(task.taskName ?? "?"), to: 16)
      let text = name + UntrustedText.line(task.failedAt) + " " + UntrustedText.line(task.reason)
      screen.line(text, in: rect.inner, row: offset)
    }
  }
}

/// Sparklines of recent samples, scaled to their own maximum.
enum Sparkline {
  static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// One cell per value; empty history gives an empty string.
  static func render<C: Collection>(_ values: C) -> String where C.Element == Double {
    let top = values.max() ?? 0
    return String(
      values.map { value in
        guard top > 0 else { return levels[0] }
        return levels[min(levels.count - 1, Int(value / top * Double(levels.count - 1)))]
      })
  }
}

/// The reindex bar with documents, chunks, rate and ETA; it lives in the data, not the view, so
/// it survives leaving and re-entering the view.
enum ReindexMeter {
  static func line(_ progress: ReindexProgress, width: Int) -> String {
    let rateText = rate(progress).map { Strings.Ops.rate(perSecond: $0.0, etaSeconds: $0.1) } ?? ""
    let barWidth = max(10, width - TextWidth.of(rateText) - 2)
    return OpsPanel.bar(progress, width: barWidth) + " " + rateText
  }

  /// Chunks per second since the start, and seconds left at that rate.
  static func rate(_ progress: ReindexProgress) -> (Double, Int?)? {
    guard let start = progress.startedAt, let updated = progress.updatedAt else { return nil }
    let elapsed = updated.timeIntervalSince(start)
    guard elapsed > 0, progress.chunksDone > 0 else { return nil }
    let perSecond = Double(progress.chunksDone) / elapsed
    let left = progress.chunksTotal - progress.chunksDone
    return (perSecond, left > 0 ? Int(Double(left) / perSecond) : nil)
  }
}

import Shared

/// Queue, failure rate, p95, LLM cost and error rate, with ALERT as text and a reindex bar.
enum OpsPanel {
  static func draw(_ data: DashboardData, in rect: Rect, into screen: inout ScreenBuffer) {
    let feed = data.ops
    screen.box(rect, title: PanelTitle.text(Strings.ops, feed: feed))
    let inner = rect.inner
    var row = 0
    if let ops = feed.value {
      for (text, alerting) in lines(ops) {
        let style: Style = feed.isStale ? .stale : (alerting ? .alert : .normal)
        screen.line(text + (alerting ? " " + Strings.alert : ""), in: inner, row: row, style: style)
        row += 1
      }
    } else {
      screen.line(feed.error.map(UntrustedText.line) ?? Strings.loading, in: inner, row: row)
      row += 1
    }
    if feed.isStale, let error = feed.error {
      screen.line(UntrustedText.line(error), in: inner, row: row, style: .stale)
      row += 1
    }
    if let progress = data.reindex, progress.state != .idle {
      screen.line(Strings.Ops.reindex(progress), in: inner, row: row)
      screen.line(
        ReindexMeter.line(progress, width: inner.width), in: inner, row: row + 1, style: .title)
    }
  }

  /// Each figure's line and whether it is over its runbook threshold.
  static func lines(_ ops: OpsSnapshot) -> [(String, Bool)] {
    [
      (Strings.Ops.queue(ops.queue), ops.queue.depth > RunbookThresholds.queueDepth),
      (
        Strings.Ops.failures(
          rate: ops.failureRateLastHour, failed: ops.failedTasksLastHour, total: ops.tasksLastHour),
        ops.failureRateLastHour > RunbookThresholds.taskFailureRate
      ),
      (
        Strings.Ops.p95(ops.p95TaskDurationSeconds),
        (ops.p95TaskDurationSeconds ?? 0) > RunbookThresholds.generateDraftP95Seconds
      ),
      (
        Strings.Ops.cost(today: ops.llmCostTodayUSD, month: ops.llmCostMonthUSD, perDraft: nil),
        false
      ),
      (
        Strings.Ops.llmErrors(rate: ops.llmErrorRateLast5m, calls: ops.llmCallsLast5m),
        ops.llmErrorRateLast5m > RunbookThresholds.llmErrorRate
      ),
    ]
  }

  /// `[#####.....] 50%` of the chunks (documents when chunks are not known yet).
  static func bar(_ progress: ReindexProgress, width: Int) -> String {
    let (done, total) =
      progress.chunksTotal > 0
      ? (progress.chunksDone, progress.chunksTotal)
      : (progress.documentsDone, progress.documentsTotal)
    let ratio = total > 0 ? min(1, Double(done) / Double(total)) : 0
    let cells = max(0, width - 8)
    let filled = Int(Double(cells) * ratio)
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: cells - filled)
    return "[" + bar + "] \(Int(ratio * 100))%"
  }
}

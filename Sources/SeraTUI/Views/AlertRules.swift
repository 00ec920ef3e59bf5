import Shared

/// Which runbook alerts the current data trips, each with the runbook step to take.
public enum AlertRules {
  /// Alert texts, most urgent first; stale ops figures raise no threshold alert.
  public static func current(_ data: DashboardData) -> [String] {
    var alerts: [String] = []
    for service in data.health.value ?? [] where service.state == .down {
      alerts.append(Strings.Alerts.serviceDown(service.name))
    }
    guard let ops = data.ops.value, !data.ops.isStale else { return alerts }
    if ops.queue.depth > RunbookThresholds.queueDepth {
      alerts.append(Strings.Alerts.queue(ops.queue.depth))
    }
    if ops.failureRateLastHour > RunbookThresholds.taskFailureRate {
      alerts.append(Strings.Alerts.failures(ops.failureRateLastHour))
    }
    if let p95 = ops.p95TaskDurationSeconds, p95 > RunbookThresholds.generateDraftP95Seconds {
      alerts.append(Strings.Alerts.p95(p95))
    }
    if ops.llmErrorRateLast5m > RunbookThresholds.llmErrorRate {
      alerts.append(Strings.Alerts.llm(ops.llmErrorRateLast5m))
    }
    return alerts
  }
}

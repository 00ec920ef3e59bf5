import Shared
import Synchronization

/// Providers that refused the key or ran out of quota, for health reports: such a failure is
/// not transient, so it stays raised until a later call to that provider succeeds.
public final class LLMProviderAlarms: Sendable {
  private let raised = Mutex<[String: String]>([:])

  /// No alarm raised.
  public init() {}

  /// The raised alarms as provider to reason (`auth_failed`, `quota_exhausted`).
  public var current: [String: String] { self.raised.withLock { $0 } }

  func raise(provider: String, reason: String) {
    self.raised.withLock { $0[provider] = reason }
  }

  /// Clears a provider's alarm and returns the reason it had, if any.
  func clear(provider: String) -> String? {
    self.raised.withLock { $0.removeValue(forKey: provider) }
  }
}

extension HealthReport {
  /// The report with an `llm` entry when a provider refused its key or ran out of quota: the
  /// entry is down with the providers and reasons, and the process reads as degraded, because
  /// only an operator can fix it. With no alarm the report is returned unchanged.
  public func withLLMAlarms(_ alarms: LLMProviderAlarms) -> HealthReport {
    let raised = alarms.current
    guard !raised.isEmpty else { return self }
    var report = self
    let detail = raised.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
      .joined(separator: ", ")
    report.services.append(ServiceHealth(name: "llm", state: .down, detail: detail))
    report.status = "degraded"
    return report
  }
}

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

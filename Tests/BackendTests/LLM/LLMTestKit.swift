import Foundation
import Postgres
import Shared
import Synchronization
import TestSupport

@testable import Backend

/// Routers pointed at a `FakeLLMServer`, with their log captured in a file and waits recorded
/// instead of slept.
final class LLMTestKit: Sendable {
  static let anthropicKey = "sk-ant-test-0123456789-SECRET"
  static let openAIKey = "sk-openai-test-9876543210-SECRET"

  let server: FakeLLMServer
  let registry = MetricsRegistry()
  let alarms = LLMProviderAlarms()
  let logPath: String
  let logger: Logger
  private let logDescriptor: Int32
  private let waits = Mutex<[Double]>([])

  init(
    anthropic: [FakeLLMServer.Behavior], openAI: [FakeLLMServer.Behavior]
  ) throws {
    self.server = try FakeLLMServer(anthropic: anthropic, openAI: openAI)
    self.logPath = NSTemporaryDirectory() + "sera-llm-log-" + UUID().uuidString
    self.logDescriptor = open(self.logPath, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
    self.logger = Logger(level: .debug, fileDescriptor: self.logDescriptor)
  }

  /// The settings the worker would read with both keys set and both base URLs at the fake.
  func settings(extra: [String: String] = [:]) throws -> LLMSettings {
    var environment = [
      "ANTHROPIC_API_KEY": Self.anthropicKey, "ANTHROPIC_BASE_URL": self.server.baseURL,
      "OPENAI_API_KEY": Self.openAIKey, "OPENAI_BASE_URL": self.server.baseURL,
    ]
    environment.merge(extra) { _, new in new }
    return try LLMSettings(environment: environment)
  }

  /// A router over the fake; retries record their wait instead of sleeping.
  func router(pool: PostgresPool? = nil, extra: [String: String] = [:]) throws -> LLMRouter {
    let settings = try self.settings(extra: extra)
    let configured = LLMRouter(
      settings: settings, pool: pool, metrics: LLMMetrics(registry: self.registry),
      alarms: self.alarms, logger: self.logger)
    return LLMRouter(
      clients: configured.clients, prices: LLMPriceTable(overrides: settings.priceOverrides),
      accounting: LLMCallAccounting(
        calls: pool.map { LLMCallStore(pool: $0) }, metrics: LLMMetrics(registry: self.registry),
        alarms: self.alarms, logger: self.logger),
      policy: LLMRouter.Policy(), pause: { seconds in self.waits.withLock { $0.append(seconds) } })
  }

  /// The waits the router asked for, in order.
  var recordedWaits: [Double] { self.waits.withLock { $0 } }

  /// Everything logged so far.
  var log: String {
    (try? String(contentsOfFile: self.logPath, encoding: .utf8)) ?? ""
  }

  /// Requests the fake got on one provider's path.
  func requests(to provider: String) -> [FakeLLMServer.Request] {
    let path = provider == "anthropic" ? "/v1/messages" : "/v1/chat/completions"
    return self.server.requests.filter { $0.path == path }
  }

  deinit {
    self.server.stop()
    close(self.logDescriptor)
    try? FileManager.default.removeItem(atPath: self.logPath)
  }

  static let prompt = LLMPrompt(system: "You write posts.", user: "Topic: sleep")
}

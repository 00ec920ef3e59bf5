import Foundation
import Shared
import TestSupport
import Testing

/// The LLM router inside real `sera worker` and `sera scheduler` processes, with both providers
/// served by a local fake.
@Suite(.serialized) struct LLMFallbackEndToEndTests {
  /// The worker's LLM variables, pointing both providers at the fake.
  static func llmEnvironment(_ fake: FakeLLMServer) -> [String: String] {
    [
      "ANTHROPIC_API_KEY": "sk-ant-e2e-SECRET", "ANTHROPIC_BASE_URL": fake.baseURL,
      "OPENAI_API_KEY": "sk-openai-e2e-SECRET", "OPENAI_BASE_URL": fake.baseURL,
    ]
  }

  /// Takes about 40 s: the queue's standard retries wait 5, 10 and 20 s (±20 %).
  @Test func bothProvidersDownRetriesPerQueuePolicyThenFailsNamingBoth() throws {
    let fake = try FakeLLMServer(anthropic: [.status(529)], openAI: [.status(503)])
    defer { fake.stop() }
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.indexKnowledgeBase()
    let environment = Self.llmEnvironment(fake)
    let worker = try stack.launch("worker", name: "worker-llm", extra: environment)
    defer { _ = worker.process.stop() }
    let ids = try stack.insertDrafts(count: 1, status: .pending)
    _ = try stack.queueGeneration(ids)

    let failed = waitUntil(seconds: 120) {
      (try? stack.statuses(ids))?[ids[0]] == DraftStatus.failed.rawValue
    }
    #expect(failed, "draft not failed: \(worker.process.log().suffix(3000))")
    let row = try stack.postgres.query(
      "SELECT last_error FROM drafts WHERE id = $1", [ids[0]])[0]
    let reason = try row.string("last_error")
    #expect(reason.contains("anthropic") && reason.contains("openai"), "\(reason)")
    // Four task attempts (one plus three retries), each trying both providers.
    let openAICalls = fake.requests.filter { $0.path == "/v1/chat/completions" }.count
    #expect(openAICalls >= 4, "OpenAI was called \(openAICalls) times")
    let log = worker.process.log()
    #expect(!log.contains("sk-ant-e2e-SECRET") && !log.contains("sk-openai-e2e-SECRET"))
    #expect(log.contains(#""event":"llm_router""#))
  }
}

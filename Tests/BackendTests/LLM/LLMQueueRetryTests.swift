import Foundation
import Postgres
import Shared
import TestSupport
import Testing

@testable import Backend

/// The generation task under a real worker and Redis queue while both fake providers are down:
/// the queue's retry policy (shortened as in the queue tests) applies, then the draft fails.
@Suite(.serialized) struct LLMQueueRetryTests {
  @Test func bothProvidersDownIsRetriedByTheQueueThenTheDraftFailsNamingBoth() throws {
    let kit = try LLMTestKit(anthropic: [.status(529)], openAI: [.status(503)])
    let setup = try LLMDraftGenerationTests().setup(kit)
    defer { TestDatabase.drop(setup.settings) }
    let queue = QueueTestEnvironment.queue()
    let options = QueueTestEnvironment.fastOptions(concurrency: 1)
    let worker = Worker(
      queue: queue, runs: nil, metrics: WorkerMetrics(registry: MetricsRegistry()),
      logger: QueueTestEnvironment.quietLogger(), options: options)
    worker.start(handlers: [setup.task])
    defer { worker.stop() }
    let message = TaskMessage(
      taskName: TaskName.generateDraft, kwargs: ["draft_id": .int(setup.draft.id)])
    try queue.enqueue(message)

    let drafts = DraftStore(pool: setup.pool)
    let failed = try QueueTestEnvironment.waitUntil(15) {
      try drafts.get(id: setup.draft.id)?.status == .failed
    }
    let draft = try #require(try drafts.get(id: setup.draft.id))
    #expect(failed, "draft is \(draft.status)")
    let reason = try #require(draft.lastError)
    #expect(reason.contains("anthropic") && reason.contains("openai"), "\(reason)")
    #expect(reason.contains("529") && reason.contains("503"), "\(reason)")

    // One attempt plus the policy's retries, each trying both providers twice.
    let attempts = 1 + options.retryPolicy.maxRetries
    #expect(kit.requests(to: "anthropic").count == 2 * attempts)
    #expect(kit.requests(to: "openai").count == 2 * attempts)
    let result = try #require(try queue.result(taskId: message.taskId))
    #expect(
      result.isErr && result.labels["_retries"] == .int(Int64(options.retryPolicy.maxRetries)))
    let calls = try setup.pool.query("SELECT count(*)::int8 AS n FROM llm_calls")[0].int64("n")
    #expect(calls == Int64(4 * attempts), "every failed call is recorded")
  }
}

import Foundation
import Shared
import TestSupport
import Testing

@testable import Backend

@Suite struct LLMRouterTests {
  @Test func anthropicOverloadedTwiceFallsBackToOpenAI() throws {
    let kit = try LLMTestKit(
      anthropic: [.status(529)], openAI: [.answer(text: "Sleep matters [1].")])
    let routed = try kit.router().complete(LLMTestKit.prompt, context: .init())
    #expect(routed.provider == "openai" && routed.model == "gpt-4o")
    #expect(routed.answer.text == "Sleep matters [1].")
    #expect(kit.requests(to: "anthropic").count == 2)
    #expect(kit.requests(to: "openai").count == 1)
    #expect(kit.recordedWaits == [1])
    let requests = LLMMetrics(registry: kit.registry).requests
    #expect(requests.value(["anthropic", "claude-3-5-sonnet-20241022", "overloaded"]) == 2)
    #expect(requests.value(["openai", "gpt-4o", "ok"]) == 1)
  }

  @Test func bothProvidersDownFailsNamingBothProviders() throws {
    let kit = try LLMTestKit(anthropic: [.status(529)], openAI: [.status(503)])
    #expect {
      try kit.router().complete(LLMTestKit.prompt, context: .init())
    } throws: { error in
      let text = "\(error)"
      return text.contains("anthropic") && text.contains("openai") && text.contains("529")
        && text.contains("503") && (error as? LLMRouterError)?.isPermanent == false
    }
  }

  @Test func unauthorizedIsNotRetriedAndIsLoggedLoudlyWithoutTheKey() throws {
    let kit = try LLMTestKit(
      anthropic: [
        .status(
          401,
          body: #"{"type":"error","error":{"type":"authentication_error","message":"bad key "#
            + LLMTestKit.anthropicKey + #""}}"#)
      ],
      openAI: [.answer(text: "Fallback text.")])
    let routed = try kit.router().complete(LLMTestKit.prompt, context: .init())
    #expect(routed.provider == "openai")
    #expect(kit.requests(to: "anthropic").count == 1)
    #expect(kit.alarms.current == ["anthropic": "auth_failed"])
    let log = kit.log
    #expect(log.contains(#""level":"error""#) && log.contains(#""event":"llm_auth_failed""#))
    #expect(!log.contains(LLMTestKit.anthropicKey) && !log.contains(LLMTestKit.openAIKey))
    #expect(LLMMetrics(registry: kit.registry).alarm.value(["anthropic", "auth_failed"]) == 1)
    let healthy = HealthReport(status: "ok", version: "test", services: [])
    let health = healthy.withLLMAlarms(kit.alarms)
    #expect(health.status == "degraded")
    #expect(health.services.map(\.name) == ["llm"])
    #expect(health.services.first?.detail == "anthropic: auth_failed")
    #expect(healthy.withLLMAlarms(LLMProviderAlarms()) == healthy, "no alarm, no change")
  }

  @Test func everyKeyRefusedIsAPermanentFailure() throws {
    let kit = try LLMTestKit(anthropic: [.status(401)], openAI: [.status(401)])
    #expect {
      try kit.router().complete(LLMTestKit.prompt, context: .init())
    } throws: { error in
      (error as? LLMRouterError)?.isPermanent == true
    }
    #expect(kit.server.requests.count == 2)
  }

  @Test func exhaustedOpenAIQuotaIsNotRetriedLikeARateLimit() throws {
    let kit = try LLMTestKit(anthropic: [.status(529)], openAI: [.status(429)])
    #expect(throws: LLMRouterError.self) {
      try kit.router().complete(LLMTestKit.prompt, context: .init())
    }
    #expect(kit.requests(to: "openai").count == 1)
    #expect(kit.alarms.current["openai"] == "quota_exhausted")
    #expect(kit.log.contains(#""event":"llm_quota_exhausted""#))
  }

  @Test func rateLimitWaitsTheRetryAfterTheProviderAskedFor() throws {
    let kit = try LLMTestKit(
      anthropic: [.status(429, retryAfter: 3), .answer(text: "After the wait.")], openAI: [])
    let routed = try kit.router().complete(LLMTestKit.prompt, context: .init())
    #expect(routed.provider == "anthropic")
    #expect(kit.recordedWaits == [3])
  }

  @Test func aRetryAfterLongerThanThePolicyMovesToTheFallbackAtOnce() throws {
    let kit = try LLMTestKit(
      anthropic: [.status(429, retryAfter: 600)], openAI: [.answer(text: "Fallback.")])
    let routed = try kit.router().complete(LLMTestKit.prompt, context: .init())
    #expect(routed.provider == "openai")
    #expect(kit.recordedWaits.isEmpty && kit.requests(to: "anthropic").count == 1)
  }

  @Test func badRequestIsNotSentToTheFallback() throws {
    let kit = try LLMTestKit(anthropic: [.status(400)], openAI: [.answer(text: "Never.")])
    #expect(throws: LLMRouterError.self) {
      try kit.router().complete(LLMTestKit.prompt, context: .init())
    }
    #expect(kit.requests(to: "openai").isEmpty)
  }

  @Test func aSlowProviderTimesOutAndTheFallbackAnswers() throws {
    let kit = try LLMTestKit(
      anthropic: [.answer(text: "Too late.", delaySeconds: 3)],
      openAI: [.answer(text: "In time.")])
    let routed = try kit.router(extra: ["LLM_TIMEOUT_SECONDS": "1"])
      .complete(LLMTestKit.prompt, context: .init())
    #expect(routed.provider == "openai")
    #expect(kit.requests(to: "anthropic").count == 1)
    #expect(kit.log.contains(#""outcome":"timeout""#))
  }

  @Test func aCancelledTaskStopsBetweenAttempts() throws {
    let kit = try LLMTestKit(anthropic: [.status(529)], openAI: [.answer(text: "Unused.")])
    #expect {
      try kit.router().complete(LLMTestKit.prompt, context: .init(isCancelled: { true }))
    } throws: { error in
      (error as? LLMRouterError)?.cancelled == true
    }
    #expect(kit.server.requests.isEmpty)
  }
}

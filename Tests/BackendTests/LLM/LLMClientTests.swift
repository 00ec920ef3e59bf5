import Foundation
import Shared
import TestSupport
import Testing

@testable import Backend

@Suite struct LLMClientTests {
  static func fixture(_ name: String) throws -> String {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return try String(
      contentsOf: directory.appendingPathComponent("Fixtures/llm/" + name), encoding: .utf8)
  }

  @Test func anthropicClientReadsARealMessagesResponse() throws {
    let body = try Self.fixture("anthropic_messages_text_response.json")
    let kit = try LLMTestKit(anthropic: [.status(200, body: body)], openAI: [])
    let settings = try kit.settings()
    let answer = try AnthropicClient(settings: settings.anthropic, timeoutSeconds: 5)
      .complete(LLMTestKit.prompt)
    #expect(answer.text == "The capital of France is Paris.")
    #expect(answer.finished && answer.stopReason == "end_turn")
    #expect(answer.tokensIn == 20 && answer.tokensOut == 10)
    #expect(answer.servedModel == "claude-3-opus-20240229")
  }

  @Test func anthropicRequestCarriesTheKeyVersionAndPromptParts() throws {
    let kit = try LLMTestKit(anthropic: [.answer(text: "ok")], openAI: [])
    _ = try AnthropicClient(settings: try kit.settings().anthropic, timeoutSeconds: 5)
      .complete(LLMTestKit.prompt)
    let request = try #require(kit.server.requests.first)
    #expect(request.headers["x-api-key"] == LLMTestKit.anthropicKey)
    #expect(request.headers["anthropic-version"] == "2023-06-01")
    let json = try JSONDecoder().decode(JSONValue.self, from: Data(request.body))
    #expect(json["model"] == "claude-3-5-sonnet-20241022")
    #expect(json["max_tokens"] == 1024)
    #expect(json["system"] == "You write posts.")
  }

  @Test func openAIClientReadsARealChatCompletion() throws {
    let body = try Self.fixture("openai_chat_completion_response.json")
    let kit = try LLMTestKit(anthropic: [], openAI: [.status(200, body: body)])
    let answer = try OpenAIClient(settings: try kit.settings().openAI, timeoutSeconds: 5)
      .complete(LLMTestKit.prompt)
    #expect(answer.text == "The capital of France is Paris.")
    #expect(answer.finished && answer.tokensIn == 24 && answer.tokensOut == 8)
    let request = try #require(kit.server.requests.first)
    #expect(request.headers["authorization"] == "Bearer " + LLMTestKit.openAIKey)
  }

  @Test func realErrorBodiesAreClassifiedAsBadRequests() throws {
    let kit = try LLMTestKit(
      anthropic: [.status(400, body: try Self.fixture("anthropic_error_400.json"))],
      openAI: [.status(400, body: try Self.fixture("openai_error_400.json"))])
    let settings = try kit.settings()
    #expect {
      try AnthropicClient(settings: settings.anthropic, timeoutSeconds: 5)
        .complete(LLMTestKit.prompt)
    } throws: { error in
      (error as? LLMError)?.kind == .badRequest && "\(error)".contains("invalid_request_error")
    }
    #expect {
      try OpenAIClient(settings: settings.openAI, timeoutSeconds: 5).complete(LLMTestKit.prompt)
    } throws: { error in
      (error as? LLMError)?.kind == .badRequest && "\(error)".contains("unsupported_value")
    }
  }

  @Test func truncatedAnswersAreMarkedUnfinishedOnBothProviders() throws {
    let kit = try LLMTestKit(
      anthropic: [.maxTokens(text: "Metformin lowers B12, so patients should")],
      openAI: [.maxTokens(text: "Metformin lowers B12, so patients should")])
    let settings = try kit.settings()
    let claude = try AnthropicClient(settings: settings.anthropic, timeoutSeconds: 5)
      .complete(LLMTestKit.prompt)
    let gpt = try OpenAIClient(settings: settings.openAI, timeoutSeconds: 5)
      .complete(LLMTestKit.prompt)
    #expect(!claude.finished && claude.stopReason == "max_tokens")
    #expect(!gpt.finished && gpt.stopReason == "length")
  }

  @Test func aMalformedBodyIsAClearErrorNamingTheProvider() throws {
    let kit = try LLMTestKit(
      anthropic: [.status(200, body: #"{"type":"message","content":[]}"#)],
      openAI: [.status(200, body: #"{"model":"gpt-4o","choices":[]}"#)])
    let settings = try kit.settings()
    #expect {
      try AnthropicClient(settings: settings.anthropic, timeoutSeconds: 5)
        .complete(LLMTestKit.prompt)
    } throws: { error in
      (error as? LLMError)?.kind == .malformed && "\(error)".hasPrefix("anthropic")
    }
    #expect {
      try OpenAIClient(settings: settings.openAI, timeoutSeconds: 5).complete(LLMTestKit.prompt)
    } throws: { error in
      "\(error)".hasPrefix("openai") && "\(error)".contains("no choices")
    }
  }
}

import Shared

/// Writes posts through the LLM router and reports the provider and model that really answered
/// (e.g. `openai` / `gpt-4o` after a fallback).
public struct LLMDraftWriter: DraftWriter {
  public let provider = "llm-router"
  public let model: String
  private let router: LLMRouter

  /// A writer sending prompts through `router`.
  public init(router: LLMRouter) {
    self.router = router
    self.model = router.clients.map(\.model).joined(separator: ",")
  }

  public func write(_ request: DraftWritingRequest) throws -> WrittenPost {
    let routed = try self.router.complete(DraftPrompt.make(for: request), context: request.call)
    return WrittenPost(
      text: routed.answer.text.trimmed(), provider: routed.provider, model: routed.model,
      finished: routed.answer.finished)
  }
}

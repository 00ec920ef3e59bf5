/// What the model is asked: standing instructions and the request itself.
public struct LLMPrompt: Sendable, Equatable {
  /// Instructions that hold for every request (Anthropic `system`, OpenAI `system` message).
  public var system: String
  /// The request itself, sent as the one user message.
  public var user: String

  /// A prompt from its two parts.
  public init(system: String, user: String) {
    self.system = system
    self.user = user
  }
}

/// One provider's validated answer to a prompt.
public struct LLMAnswer: Sendable, Equatable {
  /// The generated text, blocks joined.
  public var text: String
  /// Whether the model stopped on its own; false when cut off by the token limit
  /// (`max_tokens` / `length`), which is never a finished draft.
  public var finished: Bool
  /// The provider's stop reason as sent, e.g. `end_turn`, `max_tokens`, `stop`, `length`.
  public var stopReason: String
  /// Prompt tokens billed.
  public var tokensIn: Int
  /// Generated tokens billed.
  public var tokensOut: Int
  /// The model id the provider says answered, e.g. `gpt-4o-2024-08-06` for `gpt-4o`.
  public var servedModel: String

  /// An answer from its parts.
  public init(
    text: String, finished: Bool, stopReason: String, tokensIn: Int, tokensOut: Int,
    servedModel: String
  ) {
    self.text = text
    self.finished = finished
    self.stopReason = stopReason
    self.tokensIn = tokensIn
    self.tokensOut = tokensOut
    self.servedModel = servedModel
  }
}

/// One LLM provider behind the router.
public protocol LLMClient: Sendable {
  /// The provider's name as stored and labelled: `anthropic`, `openai`.
  var provider: String { get }
  /// The model id requested.
  var model: String { get }
  /// Sends one request; any failure, including a malformed answer, is an `LLMError`.
  func complete(_ prompt: LLMPrompt) throws(LLMError) -> LLMAnswer
}

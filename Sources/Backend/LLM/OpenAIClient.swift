import FoundationEssentials
import HTTPClient
import Shared

/// The OpenAI Chat Completions API (`POST /v1/chat/completions`), also spoken by OpenAI-
/// compatible servers, one non-streaming request per call.
public struct OpenAIClient: LLMClient {
  public let provider = "openai"
  public let model: String
  private let settings: LLMSettings.Provider
  private let transport: LLMTransport

  /// A client for the configured provider; `timeoutSeconds` bounds one whole attempt.
  public init(settings: LLMSettings.Provider, timeoutSeconds: Double) {
    self.model = settings.model
    self.settings = settings
    self.transport = LLMTransport(
      provider: "openai", model: settings.model, apiKey: settings.apiKey ?? "",
      http: HTTPClient(timeoutSeconds: timeoutSeconds, connectTimeoutSeconds: 10))
  }

  public func complete(_ prompt: LLMPrompt) throws(LLMError) -> LLMAnswer {
    // `max_completion_tokens` is the current name; `max_tokens` is deprecated (§3.1).
    let request = Request(
      model: self.model,
      messages: [
        .init(role: "system", content: prompt.system), .init(role: "user", content: prompt.user),
      ],
      maxCompletionTokens: self.settings.maxTokens, temperature: self.settings.temperature)
    let body: [UInt8]
    do { body = Array(try JSONEncoder().encode(request)) } catch {
      throw self.transport.error(.badRequest, status: nil, detail: "cannot encode request")
    }
    let headers = [
      ("authorization", "Bearer " + (self.settings.apiKey ?? "")),
      ("content-type", "application/json"),
    ]
    let answer = try self.transport.post(
      url: self.settings.baseURL + "/v1/chat/completions", headers: headers, body: body)
    return try self.validated(try self.transport.decode(Response.self, from: answer))
  }

  /// Checks the parts Sera relies on: one choice with a finish reason and text, and usage.
  private func validated(_ response: Response) throws(LLMError) -> LLMAnswer {
    guard let choice = response.choices.first else {
      throw self.transport.error(.malformed, status: 200, detail: "response has no choices")
    }
    guard let finish = choice.finishReason else {
      throw self.transport.error(.malformed, status: 200, detail: "choice has no finish_reason")
    }
    guard let usage = response.usage else {
      throw self.transport.error(.malformed, status: 200, detail: "response has no usage")
    }
    if let refusal = choice.message.refusal, !refusal.isEmpty {
      throw self.transport.error(.malformed, status: 200, detail: "model refused: \(refusal)")
    }
    // `length` is a cut-off (BR-19); `content_filter` and tool calls are not a post.
    return LLMAnswer(
      text: choice.message.content ?? "", finished: finish == "stop", stopReason: finish,
      tokensIn: usage.promptTokens, tokensOut: usage.completionTokens,
      servedModel: response.model)
  }

  private struct Request: Encodable {
    struct Message: Encodable {
      var role: String
      var content: String
    }

    var model: String
    var messages: [Message]
    var maxCompletionTokens: Int
    var temperature: Double

    enum CodingKeys: String, CodingKey {
      case model, messages, temperature
      case maxCompletionTokens = "max_completion_tokens"
    }
  }

  private struct Response: Decodable {
    struct Choice: Decodable {
      struct Message: Decodable {
        var content: String?
        var refusal: String?
      }

      var message: Message
      var finishReason: String?

      enum CodingKeys: String, CodingKey {
        case message
        case finishReason = "finish_reason"
      }
    }

    struct Usage: Decodable {
      var promptTokens: Int
      var completionTokens: Int

      enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
      }
    }

    var model: String
    var choices: [Choice]
    var usage: Usage?
  }
}

import FoundationEssentials
import HTTPClient
import Shared

/// The Anthropic Messages API (`POST /v1/messages`), one non-streaming request per call.
public struct AnthropicClient: LLMClient {
  public let provider = "anthropic"
  public let model: String
  private let settings: LLMSettings.Provider
  private let transport: LLMTransport

  // The API version the request and response shapes follow (external-apis.md §2).
  private static let apiVersion = "2023-06-01"

  /// A client for the configured provider; `timeoutSeconds` bounds one whole attempt.
  public init(settings: LLMSettings.Provider, timeoutSeconds: Double) {
    self.model = settings.model
    self.settings = settings
    self.transport = LLMTransport(
      provider: "anthropic", model: settings.model, apiKey: settings.apiKey ?? "",
      http: HTTPClient(timeoutSeconds: timeoutSeconds, connectTimeoutSeconds: 10))
  }

  public func complete(_ prompt: LLMPrompt) throws(LLMError) -> LLMAnswer {
    let request = Request(
      model: self.model, maxTokens: self.settings.maxTokens, system: prompt.system,
      messages: [.init(role: "user", content: prompt.user)],
      temperature: self.settings.temperature)
    let body: [UInt8]
    do { body = Array(try JSONEncoder().encode(request)) } catch {
      throw self.transport.error(.badRequest, status: nil, detail: "cannot encode request")
    }
    let headers = [
      ("x-api-key", self.settings.apiKey ?? ""), ("anthropic-version", Self.apiVersion),
      ("content-type", "application/json"),
    ]
    let answer = try self.transport.post(
      url: self.settings.baseURL + "/v1/messages", headers: headers, body: body)
    return try self.validated(try self.transport.decode(Response.self, from: answer))
  }

  /// Checks the parts Sera relies on; text blocks are joined, other blocks ignored.
  private func validated(_ response: Response) throws(LLMError) -> LLMAnswer {
    guard response.type == "message" else {
      throw self.transport.error(
        .malformed, status: 200, detail: "response type is \(response.type), not message")
    }
    guard let stop = response.stopReason else {
      throw self.transport.error(.malformed, status: 200, detail: "response has no stop_reason")
    }
    guard response.usage.inputTokens >= 0, response.usage.outputTokens >= 0 else {
      throw self.transport.error(.malformed, status: 200, detail: "usage has negative tokens")
    }
    let text = response.content.filter { $0.type == "text" }.compactMap(\.text).joined()
    // Only these end a turn with a complete text; `max_tokens` is a cut-off (BR-19), and
    // `refusal`, `tool_use` or `pause_turn` are not a post.
    let finished = stop == "end_turn" || stop == "stop_sequence"
    return LLMAnswer(
      text: text, finished: finished, stopReason: stop, tokensIn: response.usage.inputTokens,
      tokensOut: response.usage.outputTokens, servedModel: response.model)
  }

  private struct Request: Encodable {
    struct Message: Encodable {
      var role: String
      var content: String
    }

    var model: String
    var maxTokens: Int
    var system: String
    var messages: [Message]
    var temperature: Double

    enum CodingKeys: String, CodingKey {
      case model, system, messages, temperature
      case maxTokens = "max_tokens"
    }
  }

  private struct Response: Decodable {
    struct Block: Decodable {
      var type: String
      var text: String?
    }

    struct Usage: Decodable {
      var inputTokens: Int
      var outputTokens: Int

      enum CodingKeys: String, CodingKey {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
      }
    }

    var type: String
    var model: String
    var content: [Block]
    var stopReason: String?
    var usage: Usage

    enum CodingKeys: String, CodingKey {
      case type, model, content, usage
      case stopReason = "stop_reason"
    }
  }
}

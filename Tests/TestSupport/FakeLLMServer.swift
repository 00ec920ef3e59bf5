import FoundationEssentials
import HTTPServer
import Shared
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A local stand-in for the Anthropic Messages and OpenAI Chat Completions APIs on one loopback
/// port, answering from a script per provider in the wire format of the real payloads
/// (Tests/Fixtures/llm, from /work/shared/data/payloads).
public final class FakeLLMServer: Sendable {
  /// What the fake does with one request.
  public enum Behavior: Sendable {
    /// A finished answer (`end_turn` / `stop`), after an optional delay on the server thread.
    case answer(text: String, delaySeconds: Double = 0)
    /// An error status; a nil body is the provider's usual error body for that status (OpenAI 429
    /// without `retryAfter` is `insufficient_quota`, with it `rate_limit_exceeded`).
    case status(Int, body: String? = nil, retryAfter: Int? = nil)
    /// An answer cut off by the token limit (`max_tokens` / `length`).
    case maxTokens(text: String)
  }

  /// One request as the fake received it.
  public struct Request: Sendable {
    /// The path, e.g. `/v1/messages`.
    public let path: String
    /// Header values by lower-cased name.
    public let headers: [String: String]
    /// The raw body bytes.
    public let body: [UInt8]

    /// The body decoded as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
  }

  private let responder: Responder
  private let server: HTTPServer

  /// Starts the fake on a free loopback port; each script's last entry repeats forever.
  public init(anthropic: [Behavior], openAI: [Behavior]) throws {
    let responder = Responder(anthropic: anthropic, openAI: openAI)
    self.responder = responder
    self.server = try FakeLLMServer.listen { responder.answer($0) }
  }

  /// The URL both providers' base URL settings point at, e.g. `http://127.0.0.1:40123`.
  public var baseURL: String { "http://127.0.0.1:\(self.server.port)" }

  /// Every request received so far, oldest first.
  public var requests: [Request] { self.responder.requests }

  /// Stops the server; later requests fail to connect. Calling it twice is harmless.
  public func stop() {
    self.server.stop()
  }

  /// Starts a server on a free port, retrying because another process may take the probed
  /// port before it is bound.
  private static func listen(_ handler: @escaping HTTPHandler) throws -> HTTPServer {
    var lastError: any Error = HTTPServerError.cannotListen(host: "127.0.0.1", port: 0)
    for _ in 0..<5 {
      let port = try freePort()
      do {
        // Several threads, so a delayed answer does not hold up the other provider's requests.
        return try HTTPServer(host: "127.0.0.1", port: port, threads: 4, handler: handler)
      } catch {
        lastError = error
      }
    }
    throw lastError
  }

  /// A port the kernel had free a moment ago (bound to port 0, read back, closed).
  private static func freePort() throws -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw HTTPServerError.cannotListen(host: "127.0.0.1", port: 0) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
      }
    }
    guard bound else { throw HTTPServerError.cannotListen(host: "127.0.0.1", port: 0) }
    return UInt16(bigEndian: address.sin_port)
  }
}

/// The scripts and what was received, behind one lock because MHD answers on several threads.
private final class Responder: Sendable {
  private struct State {
    var anthropic: Script
    var openAI: Script
    var requests: [FakeLLMServer.Request] = []
  }

  private let state: Mutex<State>

  init(anthropic: [FakeLLMServer.Behavior], openAI: [FakeLLMServer.Behavior]) {
    self.state = Mutex(State(anthropic: Script(anthropic), openAI: Script(openAI)))
  }

  var requests: [FakeLLMServer.Request] { self.state.withLock { $0.requests } }

  func answer(_ request: HTTPRequest) -> HTTPResponse {
    let provider: Provider
    switch (request.method, request.path) {
    case ("POST", "/v1/messages"): provider = .anthropic
    case ("POST", "/v1/chat/completions"): provider = .openAI
    default: return .text(status: 404, "no such endpoint in the fake LLM server\n")
    }
    let behavior = self.state.withLock { state -> FakeLLMServer.Behavior in
      state.requests.append(
        FakeLLMServer.Request(path: request.path, headers: request.headers, body: request.body))
      return provider == .anthropic ? state.anthropic.next() : state.openAI.next()
    }
    guard let parsed = ParsedRequest(request.body) else {
      return provider.error(status: 400, message: "body is not a messages request", retryAfter: nil)
    }
    guard provider.isAuthorized(request) else {
      return provider.error(status: 401, message: "invalid API key", retryAfter: nil)
    }
    return respond(behavior, provider: provider, request: parsed)
  }

  private func respond(
    _ behavior: FakeLLMServer.Behavior, provider: Provider, request: ParsedRequest
  ) -> HTTPResponse {
    switch behavior {
    case .answer(let text, let delaySeconds):
      if delaySeconds > 0 { usleep(UInt32(delaySeconds * 1_000_000)) }
      return provider.completion(text: text, truncated: false, request: request)
    case .maxTokens(let text):
      return provider.completion(text: text, truncated: true, request: request)
    case .status(let status, let body, let retryAfter):
      guard let body else {
        return provider.error(status: status, message: nil, retryAfter: retryAfter)
      }
      let response = HTTPResponse.text(status: status, body, contentType: "application/json")
      return retryAfter.map { response.adding(header: "retry-after", "\($0)") } ?? response
    }
  }
}

/// A list of behaviours consumed one per request; the last one repeats.
private struct Script {
  private let steps: [FakeLLMServer.Behavior]
  private var index = 0

  init(_ steps: [FakeLLMServer.Behavior]) {
    self.steps = steps.isEmpty ? [.status(500)] : steps
  }

  mutating func next() -> FakeLLMServer.Behavior {
    defer { self.index = min(self.index + 1, self.steps.count - 1) }
    return self.steps[self.index]
  }
}

/// The parts of a request body the fake echoes back or counts.
private struct ParsedRequest {
  let model: String
  let promptBytes: Int

  init?(_ body: [UInt8]) {
    guard let json = try? SeraJSON.decode(JSONValue.self, from: body),
      let model = json["model"]?.stringValue, !model.isEmpty,
      case .array(let messages)? = json["messages"], !messages.isEmpty
    else { return nil }
    self.model = model
    self.promptBytes = body.count
  }
}

/// The two wire formats.
private enum Provider {
  case anthropic
  case openAI

  func isAuthorized(_ request: HTTPRequest) -> Bool {
    switch self {
    case .anthropic:
      return !(request.header("x-api-key") ?? "").isEmpty
        && request.header("anthropic-version") != nil
    case .openAI:
      return (request.header("authorization") ?? "").hasPrefix("Bearer ")
    }
  }

  func completion(text: String, truncated: Bool, request: ParsedRequest) -> HTTPResponse {
    // About four bytes of English per token: enough for tests to see non-zero, stable counts.
    let tokensIn = Int64(max(1, request.promptBytes / 4))
    let tokensOut = Int64(max(1, text.utf8.count / 4))
    let body: JSONValue
    switch self {
    case .anthropic:
      body = .object([
        "id": "msg_fake0001", "type": "message", "role": "assistant",
        "model": .string(request.model),
        "content": .array([.object(["type": "text", "text": .string(text)])]),
        "stop_reason": .string(truncated ? "max_tokens" : "end_turn"), "stop_sequence": .null,
        "usage": .object([
          "input_tokens": .int(tokensIn), "output_tokens": .int(tokensOut),
          "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0,
          "service_tier": "standard",
        ]),
      ])
    case .openAI:
      let message: JSONValue = .object([
        "role": "assistant", "content": .string(text), "refusal": .null, "annotations": .array([]),
      ])
      body = .object([
        "id": "chatcmpl-fake0001", "object": "chat.completion", "created": 1_744_043_456,
        "model": .string(request.model), "system_fingerprint": "fp_fake", "service_tier": "default",
        "choices": .array([
          .object([
            "index": 0, "message": message, "logprobs": .null,
            "finish_reason": .string(truncated ? "length" : "stop"),
          ])
        ]),
        "usage": .object([
          "prompt_tokens": .int(tokensIn), "completion_tokens": .int(tokensOut),
          "total_tokens": .int(tokensIn + tokensOut),
        ]),
      ])
    }
    return .json(status: 200, body)
  }

  func error(status: Int, message: String?, retryAfter: Int?) -> HTTPResponse {
    let (type, code) = self.errorKind(status: status, retryAfter: retryAfter)
    let text = message ?? "fake \(type) (HTTP \(status))"
    let body: JSONValue
    switch self {
    case .anthropic:
      body = .object([
        "type": "error", "request_id": "req_fake0001",
        "error": .object(["type": .string(type), "message": .string(text)]),
      ])
    case .openAI:
      body = .object([
        "error": .object([
          "message": .string(text), "type": .string(type), "param": .null,
          "code": code.map { .string($0) } ?? .null,
        ])
      ])
    }
    var response = HTTPResponse.json(status: status, body)
    if let retryAfter { response = response.adding(header: "retry-after", "\(retryAfter)") }
    return response
  }

  /// The error `type` (and OpenAI `code`) for a status, per external-apis.md §2 and §3.3.
  private func errorKind(status: Int, retryAfter: Int?) -> (String, String?) {
    switch (self, status) {
    case (_, 400): return ("invalid_request_error", nil)
    case (.anthropic, 401): return ("authentication_error", nil)
    case (.openAI, 401): return ("invalid_request_error", "invalid_api_key")
    case (.anthropic, 403), (.openAI, 403): return ("permission_error", nil)
    case (.anthropic, 404): return ("not_found_error", nil)
    case (.openAI, 404): return ("invalid_request_error", "model_not_found")
    case (.anthropic, 429): return ("rate_limit_error", nil)
    case (.openAI, 429):
      return retryAfter == nil
        ? ("insufficient_quota", "insufficient_quota") : ("requests", "rate_limit_exceeded")
    case (.anthropic, 529): return ("overloaded_error", nil)
    default: return ("api_error", nil)
    }
  }
}

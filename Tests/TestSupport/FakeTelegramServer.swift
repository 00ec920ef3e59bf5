import FoundationEssentials
import HTTPServer
import Shared
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A loopback HTTP server for the platform fakes: a free port, several threads, a handler.
public final class FakeHost: Sendable {
  private let server: HTTPServer

  /// Starts serving `handler` on a free loopback port (retried: another process may take it).
  public init(_ handler: @escaping HTTPHandler) throws {
    var lastError: any Error = HTTPServerError.cannotListen(host: "127.0.0.1", port: 0)
    for attempt in 0..<20 {
      let port = UInt16(20_000 + Int.random(in: 0..<30_000) + attempt)
      if let server = try? HTTPServer(host: "127.0.0.1", port: port, threads: 4, handler: handler) {
        self.server = server
        return
      }
      lastError = HTTPServerError.cannotListen(host: "127.0.0.1", port: port)
    }
    throw lastError
  }

  /// `http://127.0.0.1:<port>`.
  public var baseURL: String { "http://127.0.0.1:\(server.port)" }

  /// Stops serving.
  public func stop() { server.stop() }
}

/// A fake Telegram Bot API (`/bot<token>/sendMessage`) answering in the real envelope
/// (`{"ok":true,"result":Message}`), checking the token and MarkdownV2's reserved characters.
public final class FakeTelegramServer: Sendable {
  /// What the fake does with one sendMessage call.
  public enum Behavior: Sendable {
    /// Accepts the message.
    case accept
    /// Answers 429 with `parameters.retry_after`.
    case tooManyRequests(retryAfter: Int)
    /// Accepts the message, then answers only after `seconds` (past the client's timeout).
    case acceptThenStall(seconds: Double)
  }

  /// A message the fake accepted.
  public struct Message: Sendable {
    /// The text as Telegram shows it (MarkdownV2 escapes resolved).
    public let text: String
    public let parseMode: String?
    /// The `text` field exactly as it arrived.
    public let sent: String
  }

  fileprivate struct State {
    var script: [Behavior]
    var accepted: [Message] = []
    var calls: [Date] = []
  }

  public let token: String
  private let core: Core
  private let host: FakeHost

  /// A fake for bot `token` following `script` (its last entry repeats).
  public init(token: String, script: [Behavior] = [.accept]) throws {
    let core = Core(token: token, state: State(script: script))
    self.token = token
    self.core = core
    self.host = try FakeHost { core.answer($0) }
  }

  public var baseURL: String { host.baseURL }
  /// Messages accepted, in order.
  public var accepted: [Message] { core.state.withLock { $0.accepted } }
  /// When each sendMessage call arrived.
  public var callTimes: [Date] { core.state.withLock { $0.calls } }
  public func stop() { host.stop() }

  private final class Core: Sendable {
    let token: String
    let state: Mutex<State>

    init(token: String, state: State) {
      self.token = token
      self.state = Mutex(state)
    }

    func answer(_ request: HTTPRequest) -> HTTPResponse {
      guard request.path == "/bot\(token)/sendMessage" else {
        // The body api.telegram.org gave for an invalid token (Tests/Fixtures/telegram).
        return HTTPResponse(
          status: 401, headers: [("Content-Type", "application/json")],
          body: EvidenceFixtures.bytes("telegram", "error_401_unauthorized_response.json"))
      }
      guard let body = try? SeraJSON.decode(JSONValue.self, from: request.body),
        let text = body["text"]?.stringValue, body["chat_id"] != nil
      else { return FakeTelegramServer.error(400, "Bad Request: message text is empty") }
      let mode = body["parse_mode"]?.stringValue
      if mode == "MarkdownV2", let problem = FakeTelegramServer.markdownProblem(text) {
        return FakeTelegramServer.error(400, "Bad Request: can't parse entities: \(problem)")
      }
      let plain = mode == "MarkdownV2" ? FakeTelegramServer.unescape(text) : text
      if plain.utf16.count > 4096 {
        return FakeTelegramServer.error(400, "Bad Request: message is too long")
      }
      let behavior = state.withLock { state -> (Behavior, Int) in
        state.calls.append(Date())
        let next = state.script.count > 1 ? state.script.removeFirst() : state.script[0]
        if case .tooManyRequests = next { return (next, 0) }
        state.accepted.append(Message(text: plain, parseMode: mode, sent: text))
        return (next, state.accepted.count)
      }
      switch behavior.0 {
      case .tooManyRequests(let wait):
        return .json(
          status: 429,
          JSONValue.object([
            "ok": false, "error_code": 429,
            "description": .string("Too Many Requests: retry after \(wait)"),
            "parameters": .object(["retry_after": .int(Int64(wait))]),
          ]))
      case .acceptThenStall(let seconds):
        usleep(UInt32(seconds * 1_000_000))
        return FakeTelegramServer.sent(behavior.1, plain)
      case .accept:
        return FakeTelegramServer.sent(behavior.1, plain)
      }
    }

  }

  private static func sent(_ id: Int, _ text: String) -> HTTPResponse {
    .json(
      JSONValue.object([
        "ok": true,
        "result": .object([
          "message_id": .int(Int64(id)), "date": 1_700_000_000, "text": .string(text),
          "chat": .object(["id": -1_001_234_567_890, "type": "channel", "username": "sera_test"]),
        ]),
      ]))
  }

  private static func error(_ code: Int, _ description: String) -> HTTPResponse {
    .json(
      status: code,
      JSONValue.object([
        "ok": false, "error_code": .int(Int64(code)), "description": .string(description),
      ]))
  }

  public static let reserved: Set<Character> = Set("_*[]()~`>#+-=|{}.!")

  /// Telegram's parser refuses a reserved character without a backslash (this fake uses no
  /// entities, so every reserved character must be escaped) and a dangling backslash.
  public static func markdownProblem(_ text: String) -> String? {
    var escaped = false
    for character in text {
      if escaped {
        escaped = false
        continue
      }
      if character == "\\" {
        escaped = true
      } else if reserved.contains(character) {
        return "Character '\(character)' is reserved and must be escaped with the preceding '\\'"
      }
    }
    return escaped ? "a backslash at the end escapes nothing" : nil
  }

  public static func unescape(_ text: String) -> String {
    var out = ""
    var escaped = false
    for character in text {
      if !escaped, character == "\\" {
        escaped = true
        continue
      }
      escaped = false
      out.append(character)
    }
    return out
  }
}

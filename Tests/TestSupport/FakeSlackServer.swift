import FoundationEssentials
import HTTPServer
import Shared
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A local stand-in for Slack's Web API (`POST /<method>` with a JSON body and a bearer token),
/// answering as Slack does: HTTP 200 with `{"ok":true,...}`, `{"ok":false,"error":...}`, or 429
/// with `Retry-After` (external-apis.md §1.7). It records every call.
public final class FakeSlackServer: Sendable {
  /// What the fake answers to one call.
  public enum Answer: Sendable {
    case ok
    case error(String)
    case rateLimited(retryAfterSeconds: Int)
    case status(Int)
  }

  /// One call as received.
  public struct Call: Sendable {
    /// The Web API method, e.g. `chat.postMessage`.
    public let method: String
    /// Header values by lower-cased name.
    public let headers: [String: String]
    /// The JSON body.
    public let body: JSONValue
    /// The raw body as text.
    public let text: String
  }

  private let state = SlackCallLog()
  private let server: Mutex<HTTPServer?> = Mutex(nil)
  /// The port the fake listens on.
  public let port: UInt16

  /// Starts the fake on a free loopback port.
  public init() throws {
    var lastError: any Error = HTTPServerError.cannotListen(host: "127.0.0.1", port: 0)
    for _ in 0..<5 {
      let port = FakeSlackServer.freePort()
      do {
        let state = self.state
        let started = try HTTPServer(host: "127.0.0.1", port: port, threads: 2) { request in
          FakeSlackServer.answer(request, state)
        }
        self.port = port
        server.withLock { $0 = started }
        return
      } catch {
        lastError = error
      }
    }
    throw lastError
  }

  /// The value for `SLACK_API_BASE_URL`.
  public var baseURL: String { "http://127.0.0.1:\(port)" }

  /// Every call so far, oldest first; only those to `method` when given.
  public func calls(_ method: String? = nil) -> [Call] {
    state.log.withLock { $0.calls }.filter { method == nil || $0.method == method }
  }

  /// Answers the next calls (any method) with these, in order, then `ok` again.
  public func queue(_ answers: [Answer]) {
    state.log.withLock { $0.queued += answers }
  }

  /// Waits up to `seconds` until `method` was called `count` times; true when it was.
  public func wait(for method: String, count: Int = 1, seconds: Double = 10) -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
      if calls(method).count >= count { return true }
      usleep(20_000)
    }
    return calls(method).count >= count
  }

  /// Stops listening.
  public func stop() {
    let running = server.withLock { server in
      defer { server = nil }
      return server
    }
    running?.stop()
  }

  private static func answer(_ request: HTTPRequest, _ state: SlackCallLog) -> HTTPResponse {
    let method = String(request.path.drop { $0 == "/" })
    let body = (try? SeraJSON.decode(JSONValue.self, from: request.body)) ?? .null
    let call = Call(
      method: method, headers: request.headers, body: body,
      text: String(decoding: request.body, as: UTF8.self))
    let (answer, number) = state.log.withLock { state -> (Answer, Int) in
      state.calls.append(call)
      state.messages += 1
      return (state.queued.isEmpty ? .ok : state.queued.removeFirst(), state.messages)
    }
    guard request.headers["authorization"]?.hasPrefix("Bearer ") == true else {
      return .json(JSONValue.object(["ok": false, "error": "not_authed"]))
    }
    switch answer {
    case .ok:
      let ts = body["ts"]?.stringValue ?? "1700000000.\(String(100_000 + number))"
      return .json(
        JSONValue.object([
          "ok": true, "channel": body["channel"] ?? .null, "ts": .string(ts),
        ]))
    case .error(let code):
      return .json(JSONValue.object(["ok": false, "error": .string(code)]))
    case .rateLimited(let seconds):
      return HTTPResponse.json(
        status: 429, JSONValue.object(["ok": false, "error": "ratelimited"])
      )
      .adding(header: "Retry-After", String(seconds))
    case .status(let status):
      return .text(status: status, "fake slack failure\n")
    }
  }

  /// A port the kernel had free a moment ago.
  private static func freePort() -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
      }
    }
    return UInt16(bigEndian: address.sin_port)
  }
}

/// The fake's calls and queued answers, behind one lock: MHD answers on several threads.
private final class SlackCallLog: Sendable {
  struct State {
    var calls: [FakeSlackServer.Call] = []
    var queued: [FakeSlackServer.Answer] = []
    var messages = 0
  }

  let log = Mutex(State())
}

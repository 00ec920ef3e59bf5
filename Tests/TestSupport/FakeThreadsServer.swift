import Backend
import FoundationEssentials
import HTTPServer
import Shared
import Synchronization

/// A fake Threads Graph API: `POST /{user}/threads` (TEXT containers), `GET /{container}`
/// (`status`: IN_PROGRESS a set number of times, then FINISHED, PUBLISHED once published),
/// `POST /{user}/threads_publish` and `GET /{media}?fields=permalink`; `access_token` required.
public final class FakeThreadsServer: Sendable {
  /// A published post.
  public struct Post: Sendable {
    public let id: String
    public let text: String
    public let replyTo: String?
  }

  fileprivate struct Container {
    var text: String
    var replyTo: String?
    var checksLeft: Int
    var publishedAs: String?
  }

  fileprivate struct State {
    var notReadyChecks: Int
    var containers: [String: Container] = [:]
    var posts: [Post] = []
    var publishCalls = 0
    var statusChecks = 0
  }

  public let userId: String
  public let token: String
  private let state: Mutex<State>
  private let host: FakeHost

  /// A fake whose containers answer IN_PROGRESS `notReadyChecks` times before FINISHED.
  public init(userId: String, token: String, notReadyChecks: Int = 0) throws {
    let state = Mutex(State(notReadyChecks: notReadyChecks))
    self.userId = userId
    self.token = token
    let box = Box(userId: userId, token: token)
    self.host = try FakeHost { box.answer($0) }
    self.state = state
    box.attach(self)
  }

  public var baseURL: String { host.baseURL + "/v1.0" }
  public var posts: [Post] { state.withLock { $0.posts } }
  public var publishCalls: Int { state.withLock { $0.publishCalls } }
  public var statusChecks: Int { state.withLock { $0.statusChecks } }
  public func stop() { host.stop() }

  fileprivate func answer(_ request: HTTPRequest) -> HTTPResponse {
    guard request.query["access_token"] == token else {
      return graphError(400, 190, "Invalid OAuth access token.")
    }
    let segments = request.path.split(separator: "/").map(String.init)
    guard segments.first == "v1.0", segments.count >= 2 else {
      return graphError(404, 100, "Unknown path")
    }
    switch (request.method, Array(segments.dropFirst())) {
    case ("POST", [userId, "threads"]): return createContainer(request.query)
    case ("POST", [userId, "threads_publish"]): return publish(request.query["creation_id"] ?? "")
    case ("GET", let path) where path.count == 1: return read(path[0])
    default: return graphError(400, 100, "Unsupported request")
    }
  }

  private func createContainer(_ query: [String: String]) -> HTTPResponse {
    guard query["media_type"] == "TEXT", let text = query["text"] else {
      return graphError(400, 100, "media_type TEXT and text are required")
    }
    if PlatformTextMetrics.length(of: text, on: .threads) > 500 {
      return graphError(400, 100, "Provided text too long")
    }
    let id = state.withLock { state -> String in
      let id = String(17_889_615_691_921_000 + state.containers.count)
      state.containers[id] = Container(
        text: text, replyTo: query["reply_to_id"], checksLeft: state.notReadyChecks)
      return id
    }
    return .json(JSONValue.object(["id": .string(id)]))
  }

  private func publish(_ creation: String) -> HTTPResponse {
    let result = state.withLock { state -> String? in
      state.publishCalls += 1
      guard var container = state.containers[creation], container.checksLeft == 0,
        container.publishedAs == nil
      else { return nil }
      let id = String(18_031_234_567_890_000 + state.posts.count)
      container.publishedAs = id
      state.containers[creation] = container
      state.posts.append(Post(id: id, text: container.text, replyTo: container.replyTo))
      return id
    }
    guard let result else { return graphError(400, 24, "The media is not ready or was published") }
    return .json(JSONValue.object(["id": .string(result)]))
  }

  private func read(_ id: String) -> HTTPResponse {
    let answer = state.withLock { state -> JSONValue? in
      if var container = state.containers[id] {
        state.statusChecks += 1
        let status: String
        if let published = container.publishedAs {
          return .object([
            "id": .string(published), "status": "PUBLISHED",
            "permalink": .string("https://www.threads.net/@sera/post/\(published)"),
          ])
        } else if container.checksLeft > 0 {
          container.checksLeft -= 1
          status = "IN_PROGRESS"
        } else {
          status = "FINISHED"
        }
        state.containers[id] = container
        return .object(["id": .string(id), "status": .string(status)])
      }
      if state.posts.contains(where: { $0.id == id }) {
        return .object([
          "id": .string(id), "permalink": .string("https://www.threads.net/@sera/post/\(id)"),
        ])
      }
      return nil
    }
    return answer.map { .json($0) } ?? graphError(400, 100, "Object does not exist")
  }

  private func graphError(_ status: Int, _ code: Int, _ message: String) -> HTTPResponse {
    .json(
      status: status,
      JSONValue.object([
        "error": .object([
          "message": .string(message), "type": "OAuthException", "code": .int(Int64(code)),
          "fbtrace_id": "AbCfake",
        ])
      ]))
  }
}

/// Hands requests to the fake once it exists (the server starts before `self` is complete).
private final class Box: Sendable {
  let userId: String
  let token: String
  private let fake = Mutex<FakeThreadsServer?>(nil)

  init(userId: String, token: String) {
    self.userId = userId
    self.token = token
  }

  func attach(_ server: FakeThreadsServer) { fake.withLock { $0 = server } }

  func answer(_ request: HTTPRequest) -> HTTPResponse {
    guard let server = fake.withLock({ $0 }) else { return .text(status: 503, "starting\n") }
    return server.answer(request)
  }
}

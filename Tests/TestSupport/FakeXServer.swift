import FoundationEssentials
import HTTPServer
import Shared
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A fake X API v2: `POST /2/tweets` (201 `{"data":{"id","text"}}`, 403 problem bodies for
/// duplicates and refusals), `GET /2/users/me` and `GET /2/users/:id/tweets`; it requires an
/// `Authorization` header of the OAuth 1.0a or bearer form.
public final class FakeXServer: Sendable {
  /// What the fake does with one create call.
  public enum Behavior: Sendable {
    case accept
    /// 403 Forbidden (e.g. the app may not post).
    case forbidden
    /// Creates the tweet, then answers only after `seconds`.
    case acceptThenStall(seconds: Double)
    /// 403 "duplicate content" without creating anything, as for a text posted long ago or by
    /// another app: the account's recent timeline does not hold it.
    case duplicate
  }

  /// A tweet the fake holds.
  public struct Tweet: Sendable {
    public let id: String
    public let text: String
    public let replyTo: String?
  }

  fileprivate struct State {
    var script: [Behavior]
    var tweets: [Tweet] = []
    var authorizations: [String] = []
  }

  private let core: Core
  private let host: FakeHost

  /// A fake following `script` (its last entry repeats).
  public init(script: [Behavior] = [.accept]) throws {
    let core = Core(state: State(script: script))
    self.core = core
    self.host = try FakeHost { core.answer($0) }
  }

  public var baseURL: String { host.baseURL }
  /// Tweets created, in order.
  public var tweets: [Tweet] { core.state.withLock { $0.tweets } }
  /// Every Authorization header received.
  public var authorizations: [String] { core.state.withLock { $0.authorizations } }
  public func stop() { host.stop() }

  /// Switches the behaviour of later create calls.
  public func setScript(_ script: [Behavior]) { core.state.withLock { $0.script = script } }

  private final class Core: Sendable {
    let state: Mutex<State>
    init(state: State) { self.state = Mutex(state) }

    func answer(_ request: HTTPRequest) -> HTTPResponse {
      let auth = request.headers["authorization"] ?? ""
      state.withLock { $0.authorizations.append(auth) }
      guard auth.hasPrefix("OAuth ") || auth.hasPrefix("Bearer ") else {
        return problem(401, "Unauthorized", "Unauthorized")
      }
      switch (request.method, request.path) {
      case ("POST", "/2/tweets"): return create(request)
      case ("GET", "/2/users/me"):
        return .json(JSONValue.object(["data": .object(["id": "2244994945", "username": "sera"])]))
      case ("GET", "/2/users/2244994945/tweets"):
        let recent = state.withLock { $0.tweets.reversed() }
        let data = recent.map {
          JSONValue.object(["id": .string($0.id), "text": .string($0.text)])
        }
        return .json(JSONValue.object(["data": .array(data)]))
      default: return problem(404, "Not Found", "no such endpoint in the fake")
      }
    }

    private func create(_ request: HTTPRequest) -> HTTPResponse {
      guard let body = try? SeraJSON.decode(JSONValue.self, from: request.body),
        let text = body["text"]?.stringValue
      else { return problem(400, "Invalid Request", "text is required") }
      let replyTo = body["reply"]?["in_reply_to_tweet_id"]?.stringValue
      if TwitterText.weightedLength(text) > 280 {
        return problem(403, "Forbidden", "Your Tweet text is too long.")
      }
      let (behavior, tweet) = state.withLock { state -> (Behavior, Tweet?) in
        let next = state.script.count > 1 ? state.script.removeFirst() : state.script[0]
        if case .forbidden = next { return (next, nil) }
        if case .duplicate = next { return (next, nil) }
        if state.tweets.contains(where: { $0.text == text }) { return (next, nil) }
        let tweet = Tweet(
          id: String(1_800_000_000 + state.tweets.count), text: text, replyTo: replyTo)
        state.tweets.append(tweet)
        return (next, tweet)
      }
      if case .forbidden = behavior {
        return problem(403, "Forbidden", "You are not permitted to perform this action.")
      }
      guard let tweet else {
        return problem(
          403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.")
      }
      if case .acceptThenStall(let seconds) = behavior { usleep(UInt32(seconds * 1_000_000)) }
      return .json(
        status: 201,
        JSONValue.object(["data": .object(["id": .string(tweet.id), "text": .string(text)])]))
    }

    private func problem(_ status: Int, _ title: String, _ detail: String) -> HTTPResponse {
      .json(
        status: status,
        JSONValue.object([
          "title": .string(title), "detail": .string(detail), "type": "about:blank",
          "status": .int(Int64(status)),
        ]))
    }
  }
}

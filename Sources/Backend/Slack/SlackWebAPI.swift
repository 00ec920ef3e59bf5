import Dispatch
import FoundationEssentials
import HTTPClient
import Shared

/// Why a Web API call did not succeed; never carries the bot token.
public struct SlackAPIError: Error, CustomStringConvertible, Sendable {
  /// The method called, e.g. `chat.postMessage`.
  public var method: String
  /// Slack's error code (`channel_not_found`, `ratelimited`) or a transport problem.
  public var reason: String

  public var description: String { "slack \(method): \(reason)" }
}

/// The one client for Slack's Web API (`chat.postMessage`, `chat.update`, `chat.postEphemeral`,
/// `views.open`, `views.publish`): JSON bodies with the bot token, a configurable base URL, and
/// `Retry-After` honoured on 429.
public struct SlackWebAPI: Sendable {
  private let baseURL: String
  private let token: String
  private let client: HTTPClient
  private let maxAttempts: Int
  private let maxWaitSeconds: Double

  // A Web API call answers in well under a second; ten seconds means Slack is in trouble.
  static let timeoutSeconds = 10.0

  /// A client for `baseURL` (e.g. https://slack.com/api) with the bot token; a 429 is retried
  /// after its `Retry-After`, up to `maxAttempts` calls and `maxWaitSeconds` of waiting each.
  public init(baseURL: String, token: String, maxAttempts: Int = 3, maxWaitSeconds: Double = 30) {
    self.baseURL = baseURL
    self.token = token
    self.client = HTTPClient(timeoutSeconds: SlackWebAPI.timeoutSeconds)
    self.maxAttempts = max(1, maxAttempts)
    self.maxWaitSeconds = maxWaitSeconds
  }

  /// A client from the settings, or nil when no bot token is configured.
  public init?(settings: SlackSettings) {
    guard let token = settings.botToken, !token.isEmpty else { return nil }
    self.init(baseURL: settings.apiBaseURL, token: token)
  }

  /// Calls a Web API method with a JSON body and returns Slack's answer when `ok` is true.
  @discardableResult
  public func call(_ method: String, _ body: [String: JSONValue]) throws(SlackAPIError)
    -> JSONValue
  {
    let bytes: [UInt8]
    do { bytes = try SeraJSON.encode(JSONValue.object(body)) } catch {
      throw SlackAPIError(method: method, reason: "body could not be encoded")
    }
    var attempt = 1
    while true {
      let response = try send(method, bytes)
      if response.status == 429, attempt < maxAttempts {
        SlackWebAPI.pause(seconds: retryAfter(response))
        attempt += 1
        continue
      }
      return try answer(method, response)
    }
  }

  private func send(_ method: String, _ body: [UInt8]) throws(SlackAPIError)
    -> HTTPClientResponse
  {
    let headers = [
      ("Content-Type", "application/json; charset=utf-8"), ("Authorization", "Bearer \(token)"),
    ]
    do {
      return try client.send(
        method: "POST", url: baseURL + "/" + method, headers: headers, body: body)
    } catch {
      // The client's error names the URL and curl's reason; neither holds the token.
      throw SlackAPIError(method: method, reason: "unreachable (\(error.kind.rawValue))")
    }
  }

  /// Slack's `Retry-After` in seconds (one when absent or unreadable), capped.
  private func retryAfter(_ response: HTTPClientResponse) -> Double {
    let asked = response.headers["retry-after"].flatMap { Double($0.trimmed()) } ?? 1
    return min(max(asked, 0), maxWaitSeconds)
  }

  /// Blocks the calling thread; Web API calls run on threads of their own, never on MHD's.
  private static func pause(seconds: Double) {
    guard seconds > 0 else { return }
    _ = DispatchSemaphore(value: 0).wait(timeout: .now() + seconds)
  }

  private func answer(_ method: String, _ response: HTTPClientResponse) throws(SlackAPIError)
    -> JSONValue
  {
    guard response.status == 200 else {
      throw SlackAPIError(method: method, reason: "HTTP \(response.status)")
    }
    guard let value = try? SeraJSON.decode(JSONValue.self, from: response.body) else {
      throw SlackAPIError(method: method, reason: "answer is not JSON")
    }
    guard value["ok"] == .bool(true) else {
      throw SlackAPIError(method: method, reason: value["error"]?.stringValue ?? "not ok")
    }
    return value
  }
}

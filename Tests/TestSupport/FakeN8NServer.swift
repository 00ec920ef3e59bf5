import FoundationEssentials
import HTTPServer
import Shared
import Synchronization

/// A fake n8n webhook: `POST /webhook/publish-post` answers `{"message":"Workflow was
/// started"}` (Respond: Immediately) and keeps each JSON body; other paths get n8n's 404.
public final class FakeN8NServer: Sendable {
  private final class Inbox: Sendable {
    let bodies = Mutex<[JSONValue]>([])
  }

  private let inbox: Inbox
  private let host: FakeHost

  /// Starts the fake on a free loopback port.
  public init() throws {
    let inbox = Inbox()
    self.inbox = inbox
    self.host = try FakeHost { request in
      guard request.method == "POST", request.path == "/webhook/publish-post" else {
        return .json(
          status: 404,
          JSONValue.object([
            "code": 404,
            "message": .string(
              "The requested webhook \"\(request.method) \(request.path)\" is not registered."),
          ]))
      }
      let body = (try? SeraJSON.decode(JSONValue.self, from: request.body)) ?? .null
      inbox.bodies.withLock { $0.append(body) }
      return .json(JSONValue.object(["message": "Workflow was started"]))
    }
  }

  /// The production webhook URL of the `publish-post` workflow.
  public var webhookURL: String { host.baseURL + "/webhook/publish-post" }
  /// Bodies received, in order.
  public var received: [JSONValue] { inbox.bodies.withLock { $0 } }
  public func stop() { host.stop() }
}

import HTTPClient
import HTTPServer
import Shared
import Testing

#if canImport(Glibc)
  import Glibc
#endif

private struct Greeting: Codable, Equatable {
  var name: String
  var count: Int
}

/// Echoes what the server parsed, so a test can check every part of the request.
private struct Echo: Codable {
  var method: String
  var path: String
  var query: [String: String]
  var headers: [String: String]
  var body: String
}

private let echo: HTTPHandler = { @Sendable request in
  .json(
    Echo(
      method: request.method, path: request.path, query: request.query, headers: request.headers,
      body: String(decoding: request.body, as: UTF8.self)))
}

@Suite("HTTPServer")
struct HTTPServerTests {
  let client = HTTPClient(timeoutSeconds: 5)

  @Test("a JSON body posted to the server is decoded and answered as JSON")
  func jsonRoundTrip() throws {
    let (server, base) = try LoopbackServer.start { @Sendable request in
      guard let greeting = try? SeraJSON.decode(Greeting.self, from: request.body) else {
        return .text(status: 400, "bad json")
      }
      return .json(
        status: 201, Greeting(name: greeting.name.uppercased(), count: greeting.count + 1))
    }
    defer { server.stop() }
    let response = try client.send(
      method: "POST", url: base + "/greet", headers: ["Content-Type": "application/json"],
      body: try SeraJSON.encode(Greeting(name: "ada", count: 1)))
    #expect(response.status == 201)
    #expect(response.headers["content-type"] == "application/json")
    #expect(
      try SeraJSON.decode(Greeting.self, from: response.body) == Greeting(name: "ADA", count: 2))
  }

  @Test("query arguments are decoded and a bare argument has an empty value")
  func queryParsing() throws {
    let (server, base) = try LoopbackServer.start(handler: echo)
    defer { server.stop() }
    let response = try client.send(url: base + "/api/v1/drafts?status=generated&q=caf%C3%A9&flag")
    let seen = try SeraJSON.decode(Echo.self, from: response.body)
    #expect(seen.path == "/api/v1/drafts")
    #expect(seen.query == ["status": "generated", "q": "café", "flag": ""])
  }

  @Test("header names reach the handler lower-cased")
  func headersLowerCased() throws {
    let (server, base) = try LoopbackServer.start(handler: echo)
    defer { server.stop() }
    let response = try client.send(url: base + "/", headers: ["X-Request-Thing": "Value 1"])
    let seen = try SeraJSON.decode(Echo.self, from: response.body)
    #expect(seen.headers["x-request-thing"] == "Value 1")
    #expect(seen.headers["X-Request-Thing"] == nil)
    #expect(seen.method == "GET")
  }

  @Test("a repeated header reaches the handler as one comma-joined value, a query argument's last")
  func repeatedHeadersAreJoined() throws {
    let (server, base) = try LoopbackServer.start(handler: echo)
    defer { server.stop() }
    let response = try client.send(
      url: base + "/?a=1&a=2",
      headers: [("X-Slack-Signature", "v0=bad"), ("x-slack-signature", "v0=good")])
    let seen = try SeraJSON.decode(Echo.self, from: response.body)
    #expect(seen.headers["x-slack-signature"] == "v0=bad, v0=good")
    #expect(seen.query["a"] == "2")
  }

  @Test("UTF-8 text survives the trip both ways")
  func utf8Body() throws {
    let text = "Привіт, світ 你好 😀"
    let (server, base) = try LoopbackServer.start { @Sendable request in
      .text(String(decoding: request.body, as: UTF8.self) + " ✓")
    }
    defer { server.stop() }
    let response = try client.send(method: "PUT", url: base + "/echo", body: Array(text.utf8))
    #expect(response.text == text + " ✓")
    #expect(response.headers["content-type"] == "text/plain; charset=utf-8")
  }

  @Test("a body over the limit with a declared length gets 413 without reaching the handler")
  func declaredBodyTooLarge() throws {
    let (server, base) = try LoopbackServer.start(maxBodyBytes: 1024) { @Sendable _ in
      .text(status: 200, "handler ran")
    }
    defer { server.stop() }
    let response = try client.send(
      method: "POST", url: base + "/", body: [UInt8](repeating: 65, count: 1025))
    #expect(response.status == 413)
    #expect(
      try SeraJSON.decode(APIErrorBody.self, from: response.body).error == "payload_too_large")
  }

  @Test("a chunked body that grows past the limit gets 413")
  func chunkedBodyTooLarge() throws {
    let (server, base) = try LoopbackServer.start(maxBodyBytes: 1024) { @Sendable _ in
      .text(status: 200, "handler ran")
    }
    defer { server.stop() }
    let response = try client.send(
      method: "POST", url: base + "/", headers: ["Transfer-Encoding": "chunked"],
      body: [UInt8](repeating: 66, count: 64 * 1024))
    #expect(response.status == 413)
  }

  @Test("a body at the limit is accepted whole")
  func bodyAtLimit() throws {
    let (server, base) = try LoopbackServer.start(maxBodyBytes: 4096) { @Sendable request in
      .text("\(request.body.count)")
    }
    defer { server.stop() }
    let response = try client.send(
      method: "POST", url: base + "/", body: [UInt8](repeating: 67, count: 4096))
    #expect(response.status == 200)
    #expect(response.text == "4096")
  }

  @Test("a second server on a taken port fails with cannotListen")
  func portInUse() throws {
    let (server, _) = try LoopbackServer.start(handler: echo)
    defer { server.stop() }
    #expect(throws: HTTPServerError.cannotListen(host: "127.0.0.1", port: server.port)) {
      try HTTPServer(port: server.port, handler: echo)
    }
  }

  @Test("a host that is not an IPv4 address is refused")
  func badHost() throws {
    #expect(throws: HTTPServerError.cannotListen(host: "localhost", port: 1)) {
      try HTTPServer(host: "localhost", port: 1, handler: echo)
    }
  }
}

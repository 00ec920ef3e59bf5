import HTTPClient
import HTTPServer
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("HTTPClient")
struct HTTPClientTests {
  @Test("a closed port is a connect error whose URL has no query string")
  func closedPort() throws {
    let port = try LoopbackServer.freePort()
    let client = HTTPClient(timeoutSeconds: 2)
    let url = "http://127.0.0.1:\(port)/health?api_key=secret-value"
    do {
      _ = try client.send(url: url)
      Issue.record("expected a connect error")
    } catch {
      #expect(error.kind == .connect)
      #expect(error.url == "http://127.0.0.1:\(port)/health")
      #expect(!error.description.contains("secret-value"))
    }
  }

  @Test("user info in a URL is left out of errors")
  func userInfoRedacted() {
    let error = HTTPClientError(.connect, url: "https://bot:hunter2@example.org/a?b=c", "x")
    #expect(error.url == "https://example.org/a")
  }

  @Test("a response over the size limit fails with responseTooLarge")
  func responseTooLarge() throws {
    let (server, base) = try LoopbackServer.start { @Sendable _ in
      HTTPResponse(status: 200, body: [UInt8](repeating: 1, count: 100_000))
    }
    defer { server.stop() }
    let client = HTTPClient(timeoutSeconds: 5, maxResponseBytes: 10_000)
    #expect(throws: HTTPClientError.self) { try client.send(url: base + "/big") }
    do {
      _ = try client.send(url: base + "/big")
    } catch {
      #expect(error.kind == .responseTooLarge)
    }
  }

  @Test("a server slower than the timeout gives a timeout error")
  func timeout() throws {
    let (server, base) = try LoopbackServer.start { @Sendable _ in
      usleep(1_500_000)
      return .text("late")
    }
    defer { server.stop() }
    let client = HTTPClient(timeoutSeconds: 0.3)
    do {
      _ = try client.send(url: base + "/slow")
      Issue.record("expected a timeout")
    } catch {
      #expect(error.kind == .timeout)
    }
  }

  @Test("redirects are returned, not followed, unless asked")
  func redirectsNotFollowed() throws {
    let (server, base) = try LoopbackServer.start { @Sendable request in
      request.path == "/old"
        ? HTTPResponse(status: 302, headers: [("Location", "/new")])
        : .text("arrived")
    }
    defer { server.stop() }
    let plain = try HTTPClient(timeoutSeconds: 5).send(url: base + "/old")
    #expect(plain.status == 302)
    #expect(plain.headers["location"] == "/new")
    let following = try HTTPClient(timeoutSeconds: 5, followRedirects: true).send(
      url: base + "/old")
    #expect(following.status == 200)
    #expect(following.text == "arrived")
  }

  @Test("a URL with an unsupported scheme is refused")
  func unsupportedScheme() {
    do {
      _ = try HTTPClient(timeoutSeconds: 1).send(url: "file:///etc/passwd")
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .invalidURL)
    }
  }
}

import Dispatch
import HTTPClient
import HTTPServer
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// The tests' own threads come from serial queues, which libdispatch gives a thread of their own
// when needed; the global queue keeps to one thread a core and can leave work waiting a second.

/// Responders handed out by a deferring handler, for the test to answer when it chooses.
private final class HeldAnswers: Sendable {
  private let held = Mutex<[HTTPResponder]>([])

  func keep(_ respond: @escaping HTTPResponder) { held.withLock { $0.append(respond) } }
  var count: Int { held.withLock { $0.count } }
  func answerAll(_ response: HTTPResponse) {
    for respond in held.withLock({ $0 }) { respond(response) }
  }

  /// Waits up to `seconds` for `count` requests to be held.
  func wait(for count: Int, seconds: Double = 5) -> Bool {
    for _ in 0..<Int(seconds * 100) {
      if self.count >= count { return true }
      usleep(10_000)
    }
    return false
  }
}

@Suite("HTTPServer answering later")
struct HTTPServerDeferredTests {
  let client = HTTPClient(timeoutSeconds: 10)

  @Test(
    "an answer given later from another thread arrives, and the only server thread serves others meanwhile"
  )
  func parkedRequestHoldsNoThread() throws {
    let held = HeldAnswers()
    let (server, base) = try LoopbackServer.start(threads: 1) { request, respond in
      if request.path == "/slow" { return held.keep(respond) }
      respond(.text("fast"))
    }
    defer { server.stop() }
    let slow = Mutex<HTTPClientResponse?>(nil)
    let slowDone = DispatchSemaphore(value: 0)
    DispatchQueue(label: "client").async { [client] in
      let response = try? client.send(url: base + "/slow")
      slow.withLock { $0 = response }
      slowDone.signal()
    }
    #expect(held.wait(for: 1))
    for _ in 0..<3 {
      #expect(try client.send(url: base + "/fast").text == "fast")
    }
    #expect(slow.withLock { $0 } == nil, "the slow request is still waiting")
    DispatchQueue(label: "answer").async { held.answerAll(.text(status: 202, "slow done")) }
    #expect(slowDone.wait(timeout: .now() + 5) == .success)
    let answered = slow.withLock { $0 }
    #expect(answered?.status == 202)
    #expect(answered?.text == "slow done")
  }

  @Test("only the first answer counts, whether it came at once or later")
  func firstAnswerWins() throws {
    let held = HeldAnswers()
    let (server, base) = try LoopbackServer.start { request, respond in
      if request.path == "/now" {
        respond(.text(status: 201, "first"))
        respond(.text(status: 500, "second"))
      } else {
        held.keep(respond)
        held.keep(respond)
      }
    }
    defer { server.stop() }
    #expect(try client.send(url: base + "/now").status == 201)
    let later = Mutex<HTTPClientResponse?>(nil)
    let laterDone = DispatchSemaphore(value: 0)
    DispatchQueue(label: "client").async { [client] in
      let response = try? client.send(url: base + "/later")
      later.withLock { $0 = response }
      laterDone.signal()
    }
    #expect(held.wait(for: 2))
    held.answerAll(.text(status: 203, "once"))
    #expect(laterDone.wait(timeout: .now() + 5) == .success)
    #expect(later.withLock { $0 }?.status == 203)
  }

  @Test("stopping waits for a parked request's answer and sends it, then refuses new requests")
  func stopLetsAnswersUnderWayBeSent() throws {
    let held = HeldAnswers()
    let (server, base) = try LoopbackServer.start { request, respond in
      if request.path == "/new" { return respond(.text("accepted")) }
      held.keep(respond)
    }
    let answered = Mutex<HTTPClientResponse?>(nil)
    let done = DispatchSemaphore(value: 0)
    DispatchQueue(label: "client").async { [client] in
      let response = try? client.send(url: base + "/")
      answered.withLock { $0 = response }
      done.signal()
    }
    #expect(held.wait(for: 1))
    let stopped = DispatchSemaphore(value: 0)
    DispatchQueue(label: "stop").async {
      server.stop()
      stopped.signal()
    }
    usleep(200_000)
    #expect(stopped.wait(timeout: .now()) == .timedOut, "stop waits for the request under way")
    #expect(throws: HTTPClientError.self, "no new connection is taken while stopping") {
      try HTTPClient(timeoutSeconds: 2).send(url: base + "/new")
    }
    held.answerAll(.text(status: 201, "made it"))
    #expect(done.wait(timeout: .now() + 5) == .success)
    #expect(answered.withLock { $0 }?.status == 201)
    #expect(stopped.wait(timeout: .now() + 5) == .success)
  }

  @Test("stopping with a request never answered answers it 503 and returns")
  func stopAnswersParkedRequests() throws {
    let held = HeldAnswers()
    let (server, base) = try LoopbackServer.start { _, respond in held.keep(respond) }
    let outcome = Mutex<Result<Int, HTTPClientError>?>(nil)
    let done = DispatchSemaphore(value: 0)
    DispatchQueue(label: "client").async { [client] in
      let result = Result { () throws(HTTPClientError) in try client.send(url: base + "/").status }
      outcome.withLock { $0 = result }
      done.signal()
    }
    #expect(held.wait(for: 1))
    server.stop()
    #expect(done.wait(timeout: .now() + 5) == .success, "the client is not left hanging")
    guard case .success(let status)? = outcome.withLock({ $0 }) else {
      Issue.record("no answer: \(String(describing: outcome.withLock { $0 }))")
      return
    }
    #expect(status == 503)
  }
}

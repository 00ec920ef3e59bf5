import Dispatch
import FoundationEssentials
import HTTPServer
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A web server for source-URL tests: fixed pages by path, redirects, and a listener that
/// streams a huge page and counts the bytes it managed to send.
public final class FakeWebServer: Sendable {
  /// One canned answer.
  public struct Page: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    /// A page with a status, headers and body.
    public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []) {
      self.status = status
      self.headers = headers
      self.body = body
    }
  }

  /// `http://127.0.0.1:<port>`.
  public let baseURL: String
  private let server: HTTPServer
  private let hits = EvidenceLocked<[String]>([])

  /// A server answering each path in `pages` (others get 404).
  public init(pages: [String: Page]) throws {
    let hits = self.hits
    (server, baseURL) = try EvidenceLoopback.start { request in
      hits.withLock { $0.append(request.path) }
      guard let page = pages[request.path] else { return .text(status: 404, "not found\n") }
      return HTTPResponse(status: page.status, headers: page.headers, body: page.body)
    }
  }

  /// The paths requested so far, in order.
  public var requestedPaths: [String] { hits.withLock { $0 } }

  /// A 302 to `location`.
  public static func redirect(to location: String) -> Page {
    Page(status: 302, headers: [("Location", location)])
  }

  deinit {
    server.stop()
  }
}

/// A value behind a lock that closures can share (a `Mutex` itself cannot be copied into one).
final class EvidenceLocked<Value: Sendable>: Sendable {
  private let mutex: Mutex<Value>

  init(_ value: Value) {
    mutex = Mutex(value)
  }

  func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
    mutex.withLock { body(&$0) }
  }
}

/// Starts HTTPServer instances on free loopback ports for the evidence fakes.
enum EvidenceLoopback {
  static func start(handler: @escaping HTTPHandler) throws -> (HTTPServer, String) {
    var lastError: (any Error)?
    // Another process may take the probed port before libmicrohttpd binds it: try a few.
    for _ in 0..<5 {
      do {
        let port = try freePort()
        let server = try HTTPServer(host: "127.0.0.1", port: port, threads: 4, handler: handler)
        return (server, "http://127.0.0.1:\(port)")
      } catch {
        lastError = error
      }
    }
    throw lastError!
  }

  /// A port the kernel had free a moment ago.
  static func freePort() throws -> UInt16 {
    let socket = try ListeningSocket()
    defer { close(socket.descriptor) }
    return socket.port
  }
}

/// A bound, listening loopback TCP socket on a kernel-chosen port.
struct ListeningSocket {
  struct Failure: Error {
    var step: String
  }

  let descriptor: Int32
  let port: UInt16

  init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure(step: "socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
      }
    }
    guard bound, listen(fd, 8) == 0 else {
      close(fd)
      throw Failure(step: "bind")
    }
    descriptor = fd
    port = UInt16(bigEndian: address.sin_port)
  }
}

/// Serves one endless-looking HTML page of `totalBytes` without a Content-Length, over a raw
/// socket, and counts the bytes the client really accepted before it hung up.
public final class FakeHugePageServer: Sendable {
  /// `http://127.0.0.1:<port>/huge`.
  public let url: String
  /// How many bytes the page would have if read to the end.
  public let totalBytes: Int
  private let sent = EvidenceLocked(0)
  private let finished = DispatchSemaphore(value: 0)
  private let descriptor: Int32

  /// Starts serving a single request in the background.
  public init(totalBytes: Int = 20 << 20) throws {
    let listener = try ListeningSocket()
    self.descriptor = listener.descriptor
    self.totalBytes = totalBytes
    self.url = "http://127.0.0.1:\(listener.port)/huge"
    let fd = listener.descriptor
    let sent = self.sent
    let finished = self.finished
    DispatchQueue(label: "fake-huge-page").async {
      Self.serveOne(listener: fd, totalBytes: totalBytes, sent: sent)
      finished.signal()
    }
  }

  /// Bytes written to the socket, once the client is gone (waits up to 10 s for that).
  public func bytesSent() -> Int {
    _ = finished.wait(timeout: .now() + 10)
    return sent.withLock { $0 }
  }

  deinit {
    close(descriptor)
  }

  private static func serveOne(listener: Int32, totalBytes: Int, sent: EvidenceLocked<Int>) {
    let client = accept(listener, nil, nil)
    guard client >= 0 else { return }
    defer { close(client) }
    // A small send buffer keeps the kernel from absorbing megabytes the client never reads.
    var bufferSize: Int32 = 64 << 10
    setsockopt(client, SOL_SOCKET, SO_SNDBUF, &bufferSize, socklen_t(MemoryLayout<Int32>.size))
    var request = [UInt8](repeating: 0, count: 4096)
    _ = recv(client, &request, request.count, 0)
    let head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n\r\n"
    guard write(client, Array(head.utf8)) else { return }
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 10)
    var total = 0
    while total < totalBytes, write(client, chunk) {
      total += chunk.count
      sent.withLock { $0 = total }
    }
  }

  private static func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes {
        send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard written > 0 else { return false }
      offset += written
    }
    return true
  }
}

import HTTPServer

#if canImport(Glibc)
  import Glibc
#endif

/// Starts servers on free loopback ports for tests.
enum LoopbackServer {
  /// A running server and the base URL that reaches it.
  static func start(
    maxBodyBytes: Int = HTTPServer.defaultMaxBodyBytes, handler: @escaping HTTPHandler
  ) throws -> (server: HTTPServer, baseURL: String) {
    try start(maxBodyBytes: maxBodyBytes) { request, respond in respond(handler(request)) }
  }

  /// A running server whose handler may answer later, on `threads` threads.
  static func start(
    threads: Int = 2, maxBodyBytes: Int = HTTPServer.defaultMaxBodyBytes,
    deferring handler: @escaping DeferringHTTPHandler
  ) throws -> (server: HTTPServer, baseURL: String) {
    var lastError: (any Error)?
    // Another process may take the probed port before MHD binds it: try a few.
    for _ in 0..<5 {
      let port = try freePort()
      do {
        let server = try HTTPServer(
          host: "127.0.0.1", port: port, threads: threads, maxBodyBytes: maxBodyBytes,
          deferring: handler)
        return (server, "http://127.0.0.1:\(port)")
      } catch {
        lastError = error
      }
    }
    throw lastError!
  }

  /// A port the kernel had free a moment ago (bound to port 0, read back, closed).
  static func freePort() throws -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ProbeError.socket }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
      }
    }
    guard bound else { throw ProbeError.bind }
    return UInt16(bigEndian: address.sin_port)
  }

  enum ProbeError: Error {
    case socket
    case bind
  }
}

import CMicroHTTPD
import FoundationEssentials
import Shared
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The function that answers every request; it runs on one of libmicrohttpd's threads.
public typealias HTTPHandler = @Sendable (HTTPRequest) -> HTTPResponse

/// Gives a request its response; the first call counts, later ones are ignored.
public typealias HTTPResponder = @Sendable (HTTPResponse) -> Void

/// A handler that may answer later: it calls `respond` once, before returning or afterwards from
/// any thread. Until then the connection is parked (suspended in libmicrohttpd), so the waiting
/// holds no server thread.
public typealias DeferringHTTPHandler = @Sendable (HTTPRequest, @escaping HTTPResponder) -> Void

/// An HTTP/1.1 server on libmicrohttpd: its own thread pool, epoll, one bound IPv4 address.
public final class HTTPServer: Sendable {
  /// The largest request body accepted by default; larger bodies get 413.
  public static let defaultMaxBodyBytes = 1 << 20

  /// The address the server listens on.
  public let host: String
  /// The port the server listens on.
  public let port: UInt16
  let handler: DeferringHTTPHandler
  let maxBodyBytes: Int
  private let daemon = Mutex<DaemonHandle?>(nil)
  /// Requests whose connection is parked, waiting for their handler's answer, and whether the
  /// server is stopping (then no connection may be parked any more).
  let parked = Mutex<ParkedRequests>(ParkedRequests())
  /// Requests begun and not yet completed (answered and sent, or dropped by the client).
  let unfinished = Atomic<Int>(0)

  // How long `stop()` lets the requests under way finish; parked ones then get a 503, which
  // the server threads have a second more to send.
  private static let stopGraceSeconds = 5.0
  private static let sendGraceSeconds = 1.0

  // Idle keep-alive connections are closed after this long, so a stuck client frees its slot.
  private static let connectionTimeoutSeconds: UInt32 = 30
  // Well above what the dashboard and tests open at once, well below the fd limit.
  private static let connectionLimit: UInt32 = 512

  /// Starts serving at once; throws when the address is invalid or the port cannot be bound.
  public convenience init(
    host: String = "127.0.0.1", port: UInt16, threads: Int = 4,
    maxBodyBytes: Int = HTTPServer.defaultMaxBodyBytes, handler: @escaping HTTPHandler
  ) throws(HTTPServerError) {
    try self.init(
      host: host, port: port, threads: threads, maxBodyBytes: maxBodyBytes,
      deferring: { request, respond in respond(handler(request)) })
  }

  /// Starts serving with a handler that may answer later; throws as the other initialiser.
  public init(
    host: String = "127.0.0.1", port: UInt16, threads: Int = 4,
    maxBodyBytes: Int = HTTPServer.defaultMaxBodyBytes,
    deferring handler: @escaping DeferringHTTPHandler
  ) throws(HTTPServerError) {
    guard (1...64).contains(threads) else { throw .invalidThreadCount(threads) }
    self.host = host
    self.port = port
    self.handler = handler
    self.maxBodyBytes = maxBodyBytes
    let flags =
      MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue
      | MHD_ALLOW_SUSPEND_RESUME.rawValue
    let context = Unmanaged.passUnretained(self).toOpaque()
    let started = sera_mhd_start(
      flags, host, port, serveCallback, context, completedCallback, context, UInt32(threads),
      HTTPServer.connectionTimeoutSeconds, HTTPServer.connectionLimit)
    guard let started else { throw .cannotListen(host: host, port: port) }
    daemon.withLock { $0 = DaemonHandle(raw: started) }
  }

  /// Stops accepting connections, lets the requests under way be answered and sent (for a few
  /// seconds at most; a request still parked then gets a 503, as libmicrohttpd must not be
  /// stopped with a connection suspended), and joins the server's threads.
  public func stop() {
    let handle = daemon.withLock { current -> DaemonHandle? in
      defer { current = nil }
      return current
    }
    guard let handle else { return }
    let listener = MHD_quiesce_daemon(handle.raw)
    defer { if listener >= 0 { close(listener) } }
    waitForUnfinished(seconds: HTTPServer.stopGraceSeconds)
    // From here no connection is parked (a late one is answered 503 at once), so answering the
    // ones parked now leaves none suspended.
    let stuck = parked.withLock { state -> [PendingRequest] in
      state.stopping = true
      return Array(state.requests.values)
    }
    for pending in stuck {
      pending.answer(HTTPServer.stoppingResponse, server: self)
    }
    // A moment for the server threads to send those answers before the sockets close.
    waitForUnfinished(seconds: HTTPServer.sendGraceSeconds)
    MHD_stop_daemon(handle.raw)
  }

  /// Waits until every request begun has completed, or `seconds` pass.
  private func waitForUnfinished(seconds: Double) {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while unfinished.load(ordering: .acquiring) > 0, ContinuousClock.now < deadline {
      usleep(5_000)
    }
  }

  /// The answer to a request that would wait while the server stops.
  static var stoppingResponse: HTTPResponse {
    HTTPResponse.text(status: 503, "server stopping\n").adding(header: "Connection", "close")
  }

  deinit {
    stop()
  }
}

/// The parked requests by identity, and the flag that closes parking when the server stops.
struct ParkedRequests {
  var requests: [ObjectIdentifier: PendingRequest] = [:]
  var stopping = false
}

/// The daemon pointer, handed between threads only under the server's lock.
struct DaemonHandle: @unchecked Sendable {
  let raw: OpaquePointer
}

/// Why a server could not start.
public enum HTTPServerError: Error, CustomStringConvertible, Equatable {
  case invalidThreadCount(Int)
  case cannotListen(host: String, port: UInt16)

  public var description: String {
    switch self {
    case .invalidThreadCount(let count):
      return "http server: thread count must be 1...64, got \(count)"
    case .cannotListen(let host, let port):
      return "http server: cannot listen on \(host):\(port) (bad IPv4 address or port in use)"
    }
  }
}

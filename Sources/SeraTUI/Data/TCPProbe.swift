import Foundation
import Shared

#if canImport(Glibc)
  import Glibc
#endif

/// Checks PostgreSQL and Redis with a plain TCP connection when the backend cannot say.
public struct TCPProbe: Sendable {
  public var host: String
  public var port: UInt16
  /// Bytes to send after connecting, e.g. a Redis `PING`.
  public var greeting: [UInt8]?
  /// The answer must start with this, e.g. `+PONG`.
  public var expectedPrefix: [UInt8]?

  /// A probe of one service.
  public init(host: String, port: UInt16, greeting: [UInt8]? = nil, expectedPrefix: [UInt8]? = nil)
  {
    self.host = host
    self.port = port
    self.greeting = greeting
    self.expectedPrefix = expectedPrefix
  }

  /// Connects (and exchanges the greeting); returns nil when healthy, else why not.
  public func check(timeoutMs: Int32 = 1000) -> String? {
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
      return "cannot resolve \(host)"
    }
    defer { freeaddrinfo(list) }
    let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, 0)
    guard fd >= 0 else { return "no socket" }
    defer { close(fd) }
    var timeout = timeval(tv_sec: Int(timeoutMs / 1000), tv_usec: Int(timeoutMs % 1000) * 1000)
    let size = socklen_t(MemoryLayout<timeval>.size)
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, size)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, size)
    guard connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
      return String(cString: strerror(errno)).lowercased()
    }
    return exchange(fd)
  }

  private func exchange(_ fd: Int32) -> String? {
    guard let greeting, let expectedPrefix else { return nil }
    let sent = greeting.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    guard sent == greeting.count else { return "send failed" }
    var buffer = [UInt8](repeating: 0, count: 64)
    let got = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
    guard got > 0 else { return "no answer" }
    let answer = Array(buffer.prefix(got))
    if answer.starts(with: expectedPrefix) { return nil }
    return String(decoding: answer, as: UTF8.self).trimmed()
  }

  /// Probes one service and reports it in the health panel's shape.
  public func health(name: String) -> ServiceHealth {
    let start = Date()
    let failure = check()
    let ms = Date().timeIntervalSince(start) * 1000
    if let failure {
      return ServiceHealth(name: name, state: .down, detail: "\(host):\(port) \(failure)")
    }
    return ServiceHealth(name: name, state: .up, latencyMs: ms, detail: "TCP probe")
  }
}

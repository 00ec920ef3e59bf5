#if canImport(Glibc)
  import Glibc
#endif

/// Decides whether a host may be fetched: every address it resolves to must be public, so a
/// source URL cannot make the worker read internal services (loopback, private networks,
/// link-local cloud metadata).
///
/// Limitation: libcurl resolves the name again when it connects, so a DNS answer that changes
/// in between (rebinding) is not caught; pinning the address needs CURLOPT_RESOLVE support in
/// the HTTPClient module.
enum PublicAddressPolicy {
  /// Resolves `host` and throws unless every address is public.
  static func check(host: String) throws(SourceFetchError) {
    let addresses = try resolve(host)
    for address in addresses where !isPublic(address) {
      throw .privateAddress(host: host)
    }
  }

  /// The IPv4 (4 bytes) and IPv6 (16 bytes) addresses of `host`.
  static func resolve(_ host: String) throws(SourceFetchError) -> [[UInt8]] {
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>? = nil
    guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else {
      throw .unresolvable(host: host)
    }
    defer { freeaddrinfo(list) }
    var addresses: [[UInt8]] = []
    var current: UnsafeMutablePointer<addrinfo>? = first
    while let entry = current {
      if let bytes = bytes(of: entry.pointee) { addresses.append(bytes) }
      current = entry.pointee.ai_next
    }
    guard !addresses.isEmpty else { throw .unresolvable(host: host) }
    return addresses
  }

  private static func bytes(of entry: addrinfo) -> [UInt8]? {
    guard let raw = entry.ai_addr else { return nil }
    switch entry.ai_family {
    case AF_INET:
      return raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
        withUnsafeBytes(of: pointer.pointee.sin_addr) { Array($0) }
      }
    case AF_INET6:
      return raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
        withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
      }
    default: return nil
    }
  }

  /// Whether an address is globally routable unicast (RFC 6890 special-purpose ranges excluded).
  static func isPublic(_ address: [UInt8]) -> Bool {
    if address.count == 4 { return isPublicIPv4(address) }
    guard address.count == 16 else { return false }
    // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms carry an IPv4 address.
    if address[0..<10].allSatisfy({ $0 == 0 }), address[10] == 0xFF, address[11] == 0xFF {
      return isPublicIPv4(Array(address[12...]))
    }
    if address[0..<15].allSatisfy({ $0 == 0 }) { return false }  // :: and ::1
    if address[0] & 0xFE == 0xFC { return false }  // fc00::/7 unique local
    if address[0] == 0xFE && address[1] & 0xC0 == 0x80 { return false }  // fe80::/10
    if address[0] == 0xFF { return false }  // multicast
    return true
  }

  private static func isPublicIPv4(_ a: [UInt8]) -> Bool {
    switch (a[0], a[1]) {
    case (0, _), (10, _), (127, _): return false
    case (100, 64...127): return false  // carrier-grade NAT
    case (169, 254): return false  // link-local, cloud metadata
    case (172, 16...31), (192, 168): return false
    case (192, 0) where a[2] == 0: return false
    case (198, 18...19): return false  // benchmarking
    case (224...255, _): return false  // multicast, reserved, broadcast
    default: return true
    }
  }
}

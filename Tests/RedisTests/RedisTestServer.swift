import Shared

#if canImport(Glibc)
  import Glibc
#endif

/// The Redis the tests talk to: REDIS_HOST/REDIS_PORT, else the local stack's.
enum RedisTestServer {
  static var settings: RedisSettings {
    let host = getenv("REDIS_HOST").map { String(cString: $0) } ?? "127.0.0.1"
    let port = getenv("REDIS_PORT").flatMap { UInt16(String(cString: $0)) } ?? 56379
    return RedisSettings(host: host, port: port)
  }

  /// A key no other test uses.
  static func uniqueKey(_ prefix: String) -> String {
    "test:\(prefix):\(UInt64.random(in: .min ... .max))"
  }
}

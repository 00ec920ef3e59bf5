import FoundationEssentials

/// Reads the test stack's addresses from the environment, as scripts/test.sh exports them.
enum TestEnvironment {
  static func string(_ name: String, default fallback: String) -> String {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
      return fallback
    }
    return value
  }

  static func port(_ name: String, default fallback: UInt16) -> UInt16 {
    UInt16(string(name, default: String(fallback))) ?? fallback
  }

  /// Random lower-case hex, for names that must not collide between tests and processes.
  static func randomHex() -> String {
    var generator = SystemRandomNumberGenerator()
    let value = generator.next() as UInt64
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

/// Capped exponential backoff with jitter, so many clients that lost Redis together do not all
/// reconnect in the same instant.
public struct ReconnectBackoff: Sendable, Equatable {
  /// The first wait, in seconds.
  public var base: Double
  /// The longest wait, in seconds.
  public var cap: Double
  /// The share of each wait that is random, 0...1.
  public var jitter: Double

  /// A backoff starting at `base` seconds, doubling up to `cap`.
  public init(base: Double = 0.25, cap: Double = 5, jitter: Double = 0.2) {
    self.base = base
    self.cap = cap
    self.jitter = jitter
  }

  /// The wait before attempt `failures + 1`, given how many attempts in a row have failed.
  public func delay(afterFailures failures: Int) -> Double {
    guard failures > 0 else { return 0 }
    let exponent = Double(min(failures - 1, 30))
    let plain = min(cap, base * pow2(exponent))
    return plain * (1 + Double.random(in: -jitter...jitter))
  }

  private func pow2(_ exponent: Double) -> Double {
    var value = 1.0
    for _ in 0..<Int(exponent) { value *= 2 }
    return value
  }
}

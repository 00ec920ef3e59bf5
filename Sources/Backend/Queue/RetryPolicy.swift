/// When a failed attempt runs again: 5 s, 10 s, 20 s (each ±15 %), then the dead list.
public struct RetryPolicy: Sendable, Equatable {
  /// The wait before the first retry, in seconds.
  public var baseDelay: Double
  /// How many retries follow the first attempt (so at most `maxRetries + 1` attempts).
  public var maxRetries: Int
  /// The random share of each wait, so tasks that failed together do not retry together.
  public var jitter: Double

  /// The production policy of the architecture: 5/10/20 s, 3 retries, ±15 % jitter: wide
  /// enough to spread a burst of failures over 1.5 s at the first retry, narrow enough that each
  /// wait stays within ±25 % of its nominal value once promotion latency is added.
  public static let standard = RetryPolicy(baseDelay: 5, maxRetries: 3, jitter: 0.15)

  /// A policy with the given first wait, retry count and jitter share.
  public init(baseDelay: Double, maxRetries: Int, jitter: Double) {
    self.baseDelay = baseDelay
    self.maxRetries = maxRetries
    self.jitter = jitter
  }

  /// The wait without jitter before retry number `retry` (1-based): base · 2^(retry−1).
  public func nominalDelay(retry: Int) -> Double {
    var delay = baseDelay
    for _ in 1..<max(retry, 1) { delay *= 2 }
    return delay
  }

  /// The wait with jitter before retry number `retry`, given a random number in 0...1.
  public func delay(retry: Int, random: Double = Double.random(in: 0...1)) -> Double {
    nominalDelay(retry: retry) * (1 + jitter * (2 * random - 1))
  }

  /// Whether a message that has already been retried `retries` times may be retried again.
  public func allowsRetry(after retries: Int) -> Bool {
    retries < maxRetries
  }
}

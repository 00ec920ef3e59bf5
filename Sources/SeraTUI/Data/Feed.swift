import Foundation

/// One data source's latest value and how fresh it is.
public struct Feed<Value: Sendable & Equatable>: Sendable, Equatable {
  public var value: Value?
  public var lastSuccess: Date?
  /// Fetches that failed since the last success.
  public var missedRefreshes: Int
  public var error: String?

  /// An empty feed that has never loaded.
  public init(
    value: Value? = nil, lastSuccess: Date? = nil, missedRefreshes: Int = 0,
    error: String? = nil
  ) {
    self.value = value
    self.lastSuccess = lastSuccess
    self.missedRefreshes = missedRefreshes
    self.error = error
  }

  /// Refreshes missed before a panel says STALE instead of passing old figures as current.
  public static var staleAfterMisses: Int { 3 }

  /// True when the value is too old to be shown as current.
  public var isStale: Bool { missedRefreshes >= Self.staleAfterMisses }

  /// Records a successful fetch.
  public mutating func succeed(_ value: Value, at date: Date) {
    self.value = value
    self.lastSuccess = date
    self.missedRefreshes = 0
    self.error = nil
  }

  /// Records a failed fetch; the old value is kept but counts as one more miss.
  public mutating func fail(_ reason: String) {
    self.missedRefreshes += 1
    self.error = reason
  }
}

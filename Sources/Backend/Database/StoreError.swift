import Shared

/// Why a store refused a change.
public enum StoreError: Error, CustomStringConvertible, Equatable {
  /// No row with that id.
  case notFound
  /// A conditional update matched no row: the draft moved on (other status or version) meanwhile.
  case conflict(current: Draft)
  /// The request itself cannot be stored, with the reason.
  case invalid(String)

  public var description: String {
    switch self {
    case .notFound:
      return "not found"
    case .conflict(let current):
      return "draft \(current.id) changed meanwhile: it is \(current.status.rawValue) "
        + "at version \(current.version)"
    case .invalid(let reason):
      return "invalid: \(reason)"
    }
  }
}

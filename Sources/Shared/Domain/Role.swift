/// What an API token may do.
public enum Role: String, Codable, Sendable, CaseIterable, Hashable {
  /// Requests, reviews, approves and publishes drafts.
  case physician
  /// Watches the system; every call it makes is read-only.
  case oncall
  /// Everything a physician may do, plus re-indexing and queue repair.
  case `operator`

  /// Whether this role may change drafts (create, approve, reject, publish).
  public var canEditDrafts: Bool { self != .oncall }
  /// Whether this role may run operator actions such as a reindex.
  public var canOperate: Bool { self == .operator }
}

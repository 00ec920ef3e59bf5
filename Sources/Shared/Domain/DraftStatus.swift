/// Where a draft is in its life, stored as the same lower-case strings the replaced system used.
public enum DraftStatus: String, Codable, Sendable, CaseIterable, Hashable {
  case pending
  case generating
  case generated
  case approved
  case scheduled
  case publishing
  case published
  case rejected
  case failed
  case publishFailed = "publish_failed"

  /// States a physician can approve from.
  public static let approvable: [DraftStatus] = [.generated]
  /// States a physician can reject from.
  public static let rejectable: [DraftStatus] = [
    .generated, .approved, .scheduled, .failed, .publishFailed,
  ]
  /// States publishing may start from.
  public static let publishable: [DraftStatus] = [.approved, .scheduled, .publishFailed]
  /// States regeneration may start from.
  public static let regenerable: [DraftStatus] = [.generated, .failed, .rejected]

  /// True for states no worker or scheduler will move on by itself.
  public var isSettled: Bool {
    switch self {
    case .pending, .generating, .publishing: return false
    default: return true
    }
  }
}

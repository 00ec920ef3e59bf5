import Shared

/// A change the dashboard asks the server for; every one passes the gate and `needsConfirmation`.
public enum Action: Equatable, Sendable {
  case create(topic: String, platform: Platform)
  case approve(draftId: Int64, version: Int)
  case reject(draftId: Int64, version: Int, reason: String)
  case publish(draftId: Int64, version: Int, platform: Platform, topic: String)
  case reindex

  /// The registry command this action belongs to, so the gate can judge it.
  public var command: Command {
    switch self {
    case .create: return .newDraft
    case .approve: return .approve
    case .reject: return .reject
    case .publish: return .publish
    case .reindex: return .reindex
    }
  }

  /// Whether a yes/no dialog must come first: irreversible or expensive actions.
  public var needsConfirmation: Bool {
    switch self {
    case .publish, .reindex: return true
    case .create, .approve, .reject: return false
    }
  }
}

import Foundation
import Shared

/// A change the dashboard asks the server for; every one passes the gate and `needsConfirmation`.
public enum Action: Equatable, Sendable {
  case create(topic: String, platform: Platform, sourceURL: String?)
  case approve(draftId: Int64, version: Int)
  case reject(draftId: Int64, version: Int, reason: String)
  case edit(draftId: Int64, version: Int, content: String)
  case regenerate(draftId: Int64, version: Int, note: String)
  case schedule(draftId: Int64, version: Int, at: Date, platforms: [Platform])
  case publish(draftId: Int64, version: Int, platforms: [Platform], topic: String)
  case retry(draftId: Int64, version: Int)
  /// Takes a published draft's text out of the physician's style samples (operator).
  case forgetStyle(draftId: Int64)
  case reindex
  case requeueDead

  /// The registry command this action belongs to, so the gate can judge it.
  public var command: Command {
    switch self {
    case .create: return .newDraft
    case .approve: return .approve
    case .reject: return .reject
    case .edit: return .edit
    case .regenerate: return .regenerate
    case .schedule: return .schedule
    case .publish: return .publish
    case .retry: return .retry
    case .forgetStyle: return .forgetStyle
    case .reindex: return .reindex
    case .requeueDead: return .requeueDead
    }
  }

  /// Whether a yes/no dialog must come first: public, irreversible or expensive actions.
  public var needsConfirmation: Bool {
    switch self {
    case .publish, .reindex, .requeueDead, .forgetStyle: return true
    default: return false
    }
  }

  /// The draft the action is about, for auto-advance.
  public var draftId: Int64? {
    switch self {
    case .approve(let id, _), .reject(let id, _, _), .edit(let id, _, _),
      .regenerate(let id, _, _), .schedule(let id, _, _, _), .publish(let id, _, _, _),
      .retry(let id, _), .forgetStyle(let id):
      return id
    case .create, .reindex, .requeueDead: return nil
    }
  }
}

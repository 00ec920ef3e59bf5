import Shared

/// Why a platform did not take a post. Messages name the platform and its answer, never a token
/// or a URL that carries one.
public struct PublishError: Error, CustomStringConvertible, Equatable {
  /// What a retry can do about it.
  public enum Kind: Sendable, Equatable {
    /// Another try may work (network, 5xx, a lease held elsewhere).
    case retryable
    /// Retrying cannot help (bad credentials, refused text, 4xx).
    case permanent
    /// The platform may have the post; Sera will not send it again without proof.
    case outcomeUnknown
    /// The platform asked for a pause longer than a worker waits in place.
    case rateLimited(seconds: Int)
  }

  /// What a retry can do.
  public var kind: Kind
  /// The platform concerned.
  public var platform: Platform
  /// What happened, safe to log and show.
  public var message: String

  /// An error of `kind` on `platform`.
  public init(_ kind: Kind, _ platform: Platform, _ message: String) {
    self.kind = kind
    self.platform = platform
    self.message = message
  }

  public var description: String { "\(platform.displayName): \(message)" }

  /// Whether the queue should run the task again for this.
  public var isRetryable: Bool {
    switch kind {
    case .retryable, .rateLimited: return true
    case .permanent, .outcomeUnknown: return false
    }
  }
}

import FoundationEssentials
import Shared

/// What `sera token list` shows of a token: never the token or its hash.
public struct TokenInfo: Sendable, Equatable {
  public let id: Int64
  public let username: String
  public let role: Role
  public let label: String
  public let createdAt: Date
  public let lastUsedAt: Date?
  public let revokedAt: Date?

  public init(
    id: Int64, username: String, role: Role, label: String, createdAt: Date, lastUsedAt: Date?,
    revokedAt: Date?
  ) {
    self.id = id
    self.username = username
    self.role = role
    self.label = label
    self.createdAt = createdAt
    self.lastUsedAt = lastUsedAt
    self.revokedAt = revokedAt
  }
}

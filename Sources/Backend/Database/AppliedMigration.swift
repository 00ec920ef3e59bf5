import FoundationEssentials

/// A migration recorded in `schema_migrations`: which, and when it was applied.
public struct AppliedMigration: Sendable, Equatable {
  public let version: Int
  public let name: String
  public let appliedAt: Date

  public init(version: Int, name: String, appliedAt: Date) {
    self.version = version
    self.name = name
    self.appliedAt = appliedAt
  }
}

/// One step of the schema's history: SQL to apply it and SQL to take it back.
public struct Migration: Sendable {
  public let version: Int
  public let name: String
  public let up: String
  public let down: String
}

/// Every migration, oldest first. A new one goes at the end with the next version number.
public enum Migrations {
  public static let all: [Migration] = [initialSchema, slack, publishing]

  /// The newest version the code knows.
  public static var head: Int { all.last?.version ?? 0 }
}

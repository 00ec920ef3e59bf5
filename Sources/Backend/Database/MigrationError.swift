/// Why the schema could not be moved, with what the operator can do about it.
public enum MigrationError: Error, CustomStringConvertible, Equatable {
  /// The database records a version this build does not have (it is newer than the code).
  case unknownVersion(Int, newestKnown: Int)
  /// `up(to:)` was asked for a version below the current one, or one that does not exist.
  case badTarget(Int, current: Int)

  public var description: String {
    switch self {
    case .unknownVersion(let version, let newestKnown):
      return "the database is at schema version \(version), but this build knows only up to "
        + "\(newestKnown); run a newer sera, or migrate down with the build that applied it"
    case .badTarget(let target, let current):
      return "cannot migrate up to version \(target) from \(current); use `sera migrate down` "
        + "to go back, one step at a time"
    }
  }
}

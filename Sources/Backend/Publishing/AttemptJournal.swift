import Shared

/// A publish journal kept in `publish_attempts`: every mark is committed before the platform
/// call it guards, so a crash or timeout leaves the truth behind.
struct AttemptJournal: PublishJournal {
  let store: PublishAttemptStore
  let attempt: PublishAttempt

  var completedParts: [PublishedPart] { attempt.parts }

  var partInFlight: (index: Int, note: String?)? {
    attempt.partInFlight.map { ($0, attempt.inFlightNote) }
  }

  func willSend(part index: Int, note: String?) throws(PublishError) {
    try recorded { try store.markInFlight(id: attempt.id, part: index, note: note) }
  }

  func sent(_ part: PublishedPart) throws(PublishError) {
    try recorded { try store.addPart(id: attempt.id, part) }
  }

  func notSent(part index: Int) throws(PublishError) {
    try recorded { try store.clearInFlight(id: attempt.id) }
  }

  /// A journal that cannot write must stop the publisher before it calls the platform.
  private func recorded(_ write: () throws -> Void) throws(PublishError) {
    do { try write() } catch {
      throw PublishError(.retryable, attempt.platform, "publish journal not written: \(error)")
    }
  }
}

import Shared

/// Sends the parts of a split post in order through a journal: confirmed parts are skipped, a
/// part with an unknown outcome is first looked for on the platform, and only a part proven
/// unsent is sent again.
struct PartSequence {
  /// Looks for an earlier, unconfirmed send of a part: the part when found, nil when the
  /// platform proves it absent; throws `.outcomeUnknown` when the platform cannot tell.
  typealias Verify = (_ index: Int, _ text: String, _ note: String?) throws(PublishError) ->
    PublishedPart?
  /// Sends one part as a reply to the previous one (nil for the first).
  typealias Send = (_ index: Int, _ text: String, _ previous: PublishedPart?) throws(PublishError)
    -> PublishedPart

  let journal: any PublishJournal

  /// Sends every part not yet confirmed and returns all parts in order.
  func run(_ parts: [String], verify: Verify, send: Send) throws(PublishError) -> [PublishedPart] {
    var done: [PublishedPart] = []
    for (index, text) in parts.enumerated() {
      if let confirmed = journal.completedParts.first(where: { $0.index == index }) {
        done.append(confirmed)
        continue
      }
      if let flight = journal.partInFlight, flight.index == index,
        let found = try verify(index, text, flight.note)
      {
        try journal.sent(found)
        done.append(found)
        continue
      }
      let part = try send(index, text, done.last)
      try journal.sent(part)
      done.append(part)
    }
    return done
  }
}

/// The receipt of a sequence: its first part.
extension Array where Element == PublishedPart {
  func receipt(_ platform: Platform) throws(PublishError) -> PublishReceipt {
    guard let first = self.first else {
      throw PublishError(.permanent, platform, "there was nothing to publish")
    }
    return PublishReceipt(postId: first.postId, url: first.url)
  }
}

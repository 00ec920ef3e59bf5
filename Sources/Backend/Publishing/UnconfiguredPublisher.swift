import Shared

/// Stands in for every platform when the publishing settings cannot be read, so each publish
/// fails visibly with the configuration problem instead of silently going to the outbox.
struct UnconfiguredPublisher: Publisher {
  /// What is wrong with the settings (a variable name and the problem, never its value).
  let problem: String

  func publish(_ post: OutgoingPost, journal: any PublishJournal) throws(PublishError)
    -> PublishOutcome
  {
    throw PublishError(.permanent, post.platform, "publishing is misconfigured: \(problem)")
  }
}

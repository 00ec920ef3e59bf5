import Shared

/// The stage that decides which evidence a draft may rest on and says what was checked.
public protocol FactChecker: Sendable {
  /// The evidence kept (in citation order) and a verdict that claims no more than was done;
  /// `sourceURL` is the page the physician gave with the topic, if any.
  func check(topic: String, candidates: [RetrievedChunk], sourceURL: String?) throws
    -> FactCheckOutcome
}

extension FactChecker {
  /// The check of a topic that came without a source URL.
  public func check(topic: String, candidates: [RetrievedChunk]) throws -> FactCheckOutcome {
    try check(topic: topic, candidates: candidates, sourceURL: nil)
  }
}

/// What the fact check kept and concluded.
public struct FactCheckOutcome: Sendable, Equatable {
  /// Evidence the draft may cite; `[n]` in the text refers to `evidence[n - 1]`.
  public var evidence: [RetrievedChunk]
  public var verdict: FactCheckVerdict

  /// An outcome of kept evidence and its verdict.
  public init(evidence: [RetrievedChunk], verdict: FactCheckVerdict) {
    self.evidence = evidence
    self.verdict = verdict
  }
}

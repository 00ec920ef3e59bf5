import Shared

/// What the generation pipeline produced for a draft, ready to store.
public struct GeneratedDraft: Sendable, Equatable {
  public var content: String
  /// Cited evidence first (`[n]` is `sources[n - 1]`), then the style samples used.
  public var sources: [DraftSource]
  public var verdict: FactCheckVerdict
  /// Validation problems; empty when the post passed.
  public var problems: [String]
  public var provider: String
  public var model: String
}

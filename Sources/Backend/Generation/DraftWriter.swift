import Shared

/// The stage that writes the post text: the offline composer by default, an LLM router later.
public protocol DraftWriter: Sendable {
  /// Who writes, as stored in `drafts.provider` (`offline-composer`, `anthropic`, ...).
  var provider: String { get }
  /// The model name stored in `drafts.model`.
  var model: String { get }
  /// The post text for the request; it cites evidence as `[n]`.
  func write(_ request: DraftWritingRequest) throws -> String
}

/// Everything a writer gets to write one post.
public struct DraftWritingRequest: Sendable {
  public var topic: String
  public var platform: Platform
  /// `en` or `uk`.
  public var language: String
  /// The physician's past posts, best first.
  public var styleSamples: [RetrievedChunk]
  /// The evidence the post may cite; `[n]` refers to `evidence[n - 1]`.
  public var evidence: [RetrievedChunk]

  /// A request for one post.
  public init(
    topic: String, platform: Platform, language: String, styleSamples: [RetrievedChunk],
    evidence: [RetrievedChunk]
  ) {
    self.topic = topic
    self.platform = platform
    self.language = language
    self.styleSamples = styleSamples
    self.evidence = evidence
  }
}

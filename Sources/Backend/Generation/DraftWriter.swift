import Shared

/// The stage that writes the post text: the offline composer by default, the LLM router when a
/// provider key is configured.
public protocol DraftWriter: Sendable {
  /// Who writes by default, as stored in `drafts.provider` (`offline-composer`, `llm-router`).
  var provider: String { get }
  /// The default model name stored in `drafts.model`.
  var model: String { get }
  /// The post text for the request, citing evidence as `[n]`, with who actually wrote it.
  func write(_ request: DraftWritingRequest) throws -> WrittenPost
}

/// A post as a writer returned it, before validation.
public struct WrittenPost: Sendable, Equatable {
  /// The text.
  public var text: String
  /// Who wrote it: `offline-composer`, `anthropic`, `openai`.
  public var provider: String
  /// The model that wrote it, e.g. `gpt-4o`.
  public var model: String
  /// False when the writer was cut off (a `max_tokens` / `length` stop): never a finished post.
  public var finished: Bool

  /// A written post from its parts.
  public init(text: String, provider: String, model: String, finished: Bool = true) {
    self.text = text
    self.provider = provider
    self.model = model
    self.finished = finished
  }
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
  /// What was wrong with the previous attempt, for a regeneration; empty the first time.
  public var problemsToFix: [String]
  /// The physician's note when asking for a new version from the dashboard ("shorter, no
  /// statistics"), or nil. The offline composer cannot follow free text and ignores it.
  public var physicianNote: String?
  /// Which draft and task the writing is for, and whether the task was stopped.
  public var call: LLMCallContext

  /// A request for one post.
  public init(
    topic: String, platform: Platform, language: String, styleSamples: [RetrievedChunk],
    evidence: [RetrievedChunk], problemsToFix: [String] = [], physicianNote: String? = nil,
    call: LLMCallContext = .init()
  ) {
    self.topic = topic
    self.platform = platform
    self.language = language
    self.styleSamples = styleSamples
    self.evidence = evidence
    self.problemsToFix = problemsToFix
    self.physicianNote = physicianNote
    self.call = call
  }
}

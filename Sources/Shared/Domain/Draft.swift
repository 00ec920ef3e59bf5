import FoundationEssentials

/// A post in the making: what was asked, what was written, and what it rests on.
public struct Draft: Codable, Sendable, Equatable, Identifiable {
  public var id: Int64
  public var userId: Int64
  public var topic: String
  public var platform: Platform
  public var status: DraftStatus
  /// Bumped on every change; conditional updates compare it so a lost race is never applied.
  public var version: Int
  public var content: String?
  public var sourceURL: String?
  public var sources: [DraftSource]
  public var verdict: FactCheckVerdict?
  /// Validation problems found in the generated text; empty when it passed.
  public var problems: [String]
  /// Who wrote the text: `offline-composer`, `anthropic`, `openai`.
  public var provider: String?
  public var model: String?
  /// Why the draft failed or was rejected, in words a physician can act on.
  public var lastError: String?
  public var scheduledAt: Date?
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: Int64, userId: Int64, topic: String, platform: Platform, status: DraftStatus,
    version: Int = 1, content: String? = nil, sourceURL: String? = nil,
    sources: [DraftSource] = [], verdict: FactCheckVerdict? = nil, problems: [String] = [],
    provider: String? = nil, model: String? = nil, lastError: String? = nil,
    scheduledAt: Date? = nil, createdAt: Date, updatedAt: Date
  ) {
    self.id = id
    self.userId = userId
    self.topic = topic
    self.platform = platform
    self.status = status
    self.version = version
    self.content = content
    self.sourceURL = sourceURL
    self.sources = sources
    self.verdict = verdict
    self.problems = problems
    self.provider = provider
    self.model = model
    self.lastError = lastError
    self.scheduledAt = scheduledAt
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }
}

/// One piece of evidence or style a draft was built from, with the id the text cites.
public struct DraftSource: Codable, Sendable, Equatable, Hashable {
  public enum Kind: String, Codable, Sendable {
    case knowledge
    case style
    case pubmed
    case url
  }

  /// The id the draft cites: a knowledge chunk id, `PMID:123`, or a URL.
  public var id: String
  public var kind: Kind
  public var title: String
  /// Where a reader can find it: a knowledge-base path or a URL.
  public var reference: String
  public var score: Double?

  public init(id: String, kind: Kind, title: String, reference: String, score: Double? = nil) {
    self.id = id
    self.kind = kind
    self.title = title
    self.reference = reference
    self.score = score
  }
}

/// What the fact check really did; never claims more than was checked.
public struct FactCheckVerdict: Codable, Sendable, Equatable {
  public var knowledgeSourcesFound: Int
  public var pubmedReached: Bool
  public var pubmedArticlesFound: Int
  public var citationsVerified: Bool
  /// One line a physician reads, e.g. "3 knowledge-base sources; PubMed not consulted (offline)".
  public var summary: String

  public init(
    knowledgeSourcesFound: Int, pubmedReached: Bool, pubmedArticlesFound: Int,
    citationsVerified: Bool, summary: String
  ) {
    self.knowledgeSourcesFound = knowledgeSourcesFound
    self.pubmedReached = pubmedReached
    self.pubmedArticlesFound = pubmedArticlesFound
    self.citationsVerified = citationsVerified
    self.summary = summary
  }
}

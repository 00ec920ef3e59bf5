import FoundationEssentials
import Shared

/// Fields a draft transition also sets; nil leaves a field as it is. For the text fields an empty
/// string clears the column (stores NULL), so a regeneration can drop an old error.
public struct DraftChanges: Sendable, Equatable {
  public var content: String?
  public var sources: [DraftSource]?
  public var verdict: FactCheckVerdict?
  public var problems: [String]?
  public var provider: String?
  public var model: String?
  public var lastError: String?
  public var taskId: String?
  public var scheduledAt: Date?
  public var publishPlatforms: [Platform]?

  /// Changes to apply; every field defaults to "leave as it is".
  public init(
    content: String? = nil, sources: [DraftSource]? = nil, verdict: FactCheckVerdict? = nil,
    problems: [String]? = nil, provider: String? = nil, model: String? = nil,
    lastError: String? = nil, taskId: String? = nil, scheduledAt: Date? = nil,
    publishPlatforms: [Platform]? = nil
  ) {
    self.content = content
    self.sources = sources
    self.verdict = verdict
    self.problems = problems
    self.provider = provider
    self.model = model
    self.lastError = lastError
    self.taskId = taskId
    self.scheduledAt = scheduledAt
    self.publishPlatforms = publishPlatforms
  }
}

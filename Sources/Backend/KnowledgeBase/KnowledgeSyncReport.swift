/// How far a knowledge-base sync has got.
public struct KnowledgeSyncProgress: Sendable, Equatable {
  public var documentsDone: Int
  public var documentsTotal: Int
  public var chunksDone: Int
  public var chunksTotal: Int
}

/// What a knowledge-base sync did.
public struct KnowledgeSyncReport: Sendable, Equatable {
  /// Documents and chunks now indexed from the folder.
  public var documents = 0
  public var chunks = 0
  public var added = 0
  public var updated = 0
  public var unchanged = 0
  /// Documents deleted because their files are gone.
  public var removed = 0
  /// Files and lines that could not be used; everything else was still indexed.
  public var issues: [KnowledgeBaseIssue] = []

  public init(issues: [KnowledgeBaseIssue] = []) {
    self.issues = issues
  }
}

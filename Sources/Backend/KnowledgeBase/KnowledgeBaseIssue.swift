/// A problem with one file or line of the knowledge base; the rest is still indexed.
public struct KnowledgeBaseIssue: Error, Sendable, Equatable, CustomStringConvertible {
  /// The path relative to the knowledge-base root.
  public var path: String
  /// The 1-based line, when the problem sits on one line.
  public var line: Int?
  public var problem: String

  /// An issue naming the file, the line if known, and what is wrong.
  public init(path: String, line: Int? = nil, problem: String) {
    self.path = path
    self.line = line
    self.problem = problem
  }

  public var description: String {
    if let line { return "\(path):\(line): \(problem)" }
    return "\(path): \(problem)"
  }
}

import FoundationEssentials
import Shared

/// Reads the physician's past posts: JSONL (one post per line) or Markdown/text files whose posts
/// are separated by a line `---`. One post becomes one chunk.
public enum StylePostReader {
  /// The fields of a `posts.jsonl` line that Sera uses; others (`source`, `lang`) are ignored.
  struct PostLine: Decodable {
    var id: String?
    var text: String
  }

  /// Posts of a JSONL file as (heading, content); a malformed line becomes an issue naming its
  /// line and is skipped, the other lines are kept.
  public static func jsonLines(_ text: String, path: String)
    -> (posts: [(heading: String, content: String)], issues: [KnowledgeBaseIssue])
  {
    var posts: [(heading: String, content: String)] = []
    var issues: [KnowledgeBaseIssue] = []
    let decoder = JSONDecoder()
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() where !line.trimmed().isEmpty {
      do {
        let post = try decoder.decode(PostLine.self, from: Data(line.utf8))
        let content = post.text.trimmed()
        guard !content.isEmpty else {
          issues.append(KnowledgeBaseIssue(path: path, line: index + 1, problem: "empty text"))
          continue
        }
        posts.append((post.id ?? "line \(index + 1)", content))
      } catch {
        issues.append(
          KnowledgeBaseIssue(
            path: path, line: index + 1, problem: "not a JSON object with a text field"))
      }
    }
    return (posts, issues)
  }

  /// Posts of a Markdown or text body separated by lines that are exactly `---`.
  public static func separated(_ body: String) -> [(heading: String, content: String)] {
    var posts: [(heading: String, content: String)] = []
    var current: [Substring] = []
    func flush() {
      let content = current.joined(separator: "\n").trimmed()
      if !content.isEmpty { posts.append(("post \(posts.count + 1)", content)) }
      current = []
    }
    for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.trimmed() == "---" { flush() } else { current.append(line) }
    }
    flush()
    return posts
  }
}

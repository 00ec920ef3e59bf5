import FoundationEssentials
import Shared
import Testing

/// The README is the operator's reference: every variable Sera reads must be listed there.
@Suite("ReadmeTests")
struct ReadmeTests {
  /// The repository's README.md, found from this file's place in `Tests/BackendTests/...`.
  private func readme() throws -> String {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    while let last = parts.last, last != "Tests" { parts.removeLast() }
    parts.removeLast()
    let path = parts.joined(separator: "/") + "/README.md"
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return String(decoding: data, as: UTF8.self)
  }

  @Test("every environment variable any part reads is named in the README")
  func everyVariableIsDocumented() throws {
    let text = try readme()
    let lists: [[(name: String, meaning: String)]] = [
      Configuration.variables, QueueSettings.variables, OperationsSettings.variables,
      LLMSettings.variables, EvidenceSettings.variables, PublishingSettings.variables,
      SlackSettings.variables,
    ]
    let names = Set(lists.flatMap { $0.map(\.name) })
    #expect(names.count > 40)
    let missing = names.filter { !text.contains("`\($0)`") }.sorted()
    #expect(missing.isEmpty, "README.md does not list: \(missing.joined(separator: ", "))")
  }
}

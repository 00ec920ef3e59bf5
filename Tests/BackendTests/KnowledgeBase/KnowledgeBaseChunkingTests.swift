import Testing

@testable import Backend

@Suite struct KnowledgeBaseChunkingTests {
  let chunker = MarkdownChunker(minimumLength: 200, maximumLength: 400)

  @Test func headingStaysWithItsFirstParagraph() {
    let paragraph = String(repeating: "Sleep needs a regular schedule. ", count: 8)
    let body = "# Guide\n\n" + paragraph + "\n\n## Shift work\n\n" + paragraph
    let chunks = chunker.chunks(of: body)
    #expect(chunks.count == 2)
    #expect(chunks[1].heading == "Shift work")
    #expect(chunks[1].content.hasPrefix("Shift work\n\nSleep needs"))
    #expect(!chunks.contains { $0.content.hasSuffix("Shift work") })
  }

  @Test func listIsNeverSplitAcrossChunks() {
    let intro = String(repeating: "Intro sentence here. ", count: 15)
    let items = (1...8).map { "- item number \($0) with some words" }.joined(separator: "\n")
    let body = intro + "\n\nSymptoms include:\n" + items + "\n\nAfter the list."
    let chunks = chunker.chunks(of: body)
    let holding = chunks.filter { $0.content.contains("- item number") }
    #expect(holding.count == 1)
    #expect(holding[0].content.contains("Symptoms include:\n- item number 1"))
    #expect(holding[0].content.contains("- item number 8"))
  }

  @Test func longParagraphIsCutAtSentenceEndsWithinTheMaximum() {
    let body = String(repeating: "This sentence is about forty characters. ", count: 30)
    let chunks = chunker.chunks(of: body)
    #expect(chunks.count > 2)
    #expect(chunks.allSatisfy { $0.content.count <= 400 && $0.content.hasSuffix(".") })
  }

  @Test func crlfAndFrontMatterAreHandled() {
    let raw =
      "\u{FEFF}---\r\ntitle: \"Sleep\"\r\nlanguage: en\r\n---\r\n\r\n# Sleep\r\n\r\nText.\r\n"
    let text = KnowledgeText.normalised(raw)
    #expect(!text.contains("\r"))
    let (fields, body) = KnowledgeText.frontMatter(text)
    #expect(fields["title"] == "Sleep")
    #expect(fields["language"] == "en")
    #expect(!body.contains("title:"))
    #expect(chunker.chunks(of: body).map(\.content) == ["Sleep\n\nText."])
  }

  @Test func styleFilesGiveOnePostPerChunkAndFrontMatterIsNoPost() {
    let text = KnowledgeText.normalised(
      "---\r\ntitle: Posts\r\n---\r\nFirst post.\r\n---\r\nSecond post.\r\n")
    let (_, body) = KnowledgeText.frontMatter(text)
    #expect(StylePostReader.separated(body).map(\.content) == ["First post.", "Second post."])
  }

  @Test func malformedJSONLineIsReportedByLineAndTheRestKept() {
    let text = """
      {"id": "p1", "text": "Wash your hands."}
      {"id": "p2", "text": broken
      {"id": "p3", "text": "Get your flu shot."}
      """
    let parsed = StylePostReader.jsonLines(text, path: "doctor_style/posts.jsonl")
    #expect(parsed.posts.map(\.content) == ["Wash your hands.", "Get your flu shot."])
    #expect(
      parsed.issues == [
        KnowledgeBaseIssue(
          path: "doctor_style/posts.jsonl", line: 2, problem: "not a JSON object with a text field")
      ])
  }

  @Test func idsDependOnlyOnCollectionPathAndText() {
    let make = { (path: String) in
      KnowledgeDocument(
        collection: .medicalKnowledge, path: path, title: "T", contentHash: "h",
        pieces: [("H", "Alpha."), ("H", "Beta."), ("H", "Alpha.")])
    }
    let first = make("medical_guidelines/a.md")
    #expect(first.id == make("medical_guidelines/a.md").id)
    #expect(first.chunks.map(\.id) == make("medical_guidelines/a.md").chunks.map(\.id))
    #expect(first.id != make("medical_guidelines/b.md").id)
    #expect(Set(first.chunks.map(\.id)).count == 3)
    #expect(StableID.hash("a", "bc") != StableID.hash("ab", "c"))
    #expect(StableID.hash("").count == 32)
  }

  @Test func realKnowledgeBaseReadsWithoutIssues() throws {
    let scan = KnowledgeBaseReader(root: Self.repositoryKnowledgeBase).scan()
    #expect(scan.issues.isEmpty)
    let style = scan.documents.filter { $0.collection == .doctorStyle }
    #expect(style.reduce(0) { $0 + $1.chunks.count } == 60)
    #expect(scan.documents.filter { $0.collection == .medicalKnowledge }.count == 30)
  }

  static var repositoryKnowledgeBase: String {
    // Tests/BackendTests/KnowledgeBase/<this file> -> repository root.
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(4)
    return parts.joined(separator: "/") + "/knowledge_base"
  }
}

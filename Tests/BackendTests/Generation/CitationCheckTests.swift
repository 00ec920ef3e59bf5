import Shared
import Testing

@testable import Backend

@Suite struct CitationCheckTests {
  static let sources = [
    DraftSource(id: "chunk-1", kind: .knowledge, title: "Sleep", reference: "kb/sleep.md"),
    DraftSource(id: "PMID:31978945", kind: .pubmed, title: "Shift work", reference: ""),
    DraftSource(
      id: "https://example.org/sleep", kind: .url, title: "Page",
      reference: "https://example.org/sleep"),
    DraftSource(id: "style-1", kind: .style, title: "Style", reference: "kb/posts.md"),
  ]

  @Test func citationsOfTheEvidenceVerify() {
    let check = CitationCheck(
      content: "Naps help [1] (PMID 31978945), see https://example.org/sleep/. Also [3].",
      sources: Self.sources)
    #expect(check.problems == [])
    #expect(check.checked == 4)
  }

  @Test func inventedPMIDsURLsAndNumbersAreFlagged() {
    let check = CitationCheck(
      content: "Fake PMID:12345678 and https://invented.example/study and [4].",
      sources: Self.sources)
    #expect(check.problems.count == 3, "\(check.problems)")
    #expect(check.problems.contains { $0.contains("12345678") })
    #expect(check.problems.contains { $0.contains("https://invented.example/study") })
    // [4] would be the style sample, which is never evidence.
    #expect(check.problems.contains { $0.contains("[4]") })
  }

  @Test func aPubMedLinkToAnEvidenceArticleCountsAsThatArticle() {
    let check = CitationCheck(
      content: "Read https://pubmed.ncbi.nlm.nih.gov/31978945/ today.", sources: Self.sources)
    #expect(check.problems == [])
  }

  @Test func noCitationsMeansNothingVerified() {
    let check = CitationCheck(content: "Sleep well.", sources: Self.sources)
    let verdict = GenerationPipeline.verdict(
      FactCheckVerdict(
        knowledgeSourcesFound: 1, pubmedReached: false, pubmedArticlesFound: 0,
        citationsVerified: true, summary: "1 knowledge-base source"),
      citations: check)
    #expect(!verdict.citationsVerified)
    #expect(verdict.summary.contains("no citations"))
  }
}

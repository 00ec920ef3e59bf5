import Backend
import Shared
import TestSupport
import Testing

@Suite("Evidence fact checker")
struct EvidenceFactCheckerTests {
  static let relevant = RetrievedChunk(
    chunkId: "chunk-1", documentId: "doc-1", collection: .medicalKnowledge, title: "Diabetes",
    path: "medical_guidelines/diabetes.md", heading: "Treatment", content: "Metformin first.",
    cosine: 0.4, textRank: nil, fusedScore: 0.03)

  @Test("without PubMed the verdict says PubMed was not consulted and verifies nothing")
  func offlineVerdict() throws {
    let checker = EvidenceFactChecker(pubmed: nil, sources: nil, embedder: HashingTextEmbedder())
    let outcome = try checker.check(topic: "metformin", candidates: [Self.relevant])
    #expect(outcome.evidence.map(\.chunkId) == ["chunk-1"])
    #expect(!outcome.verdict.pubmedReached)
    #expect(!outcome.verdict.citationsVerified)
    #expect(outcome.verdict.summary.contains("PubMed not consulted"))
  }

  @Test("PubMed abstracts join the evidence with PMID ids and the verdict says PubMed answered")
  func pubmedEvidence() throws {
    let test = try PubMedTestClient()
    let checker = EvidenceFactChecker(
      pubmed: test.client, sources: nil, embedder: HashingTextEmbedder())
    let outcome = try checker.check(topic: "blood pressure", candidates: [Self.relevant])
    #expect(outcome.evidence.map(\.chunkId) == ["chunk-1", "PMID:27797938"])
    #expect(outcome.evidence[1].content.contains("RESULTS: "))
    #expect(outcome.verdict.pubmedReached)
    #expect(outcome.verdict.pubmedArticlesFound == 1)
    #expect(!outcome.verdict.citationsVerified)
  }

  @Test("PubMed down is reported as not reached, never as checked")
  func pubmedDown() throws {
    var behaviour = FakePubMedServer.Behaviour()
    behaviour.failWithStatus = 500
    let quick = PubMedClient.RetryPolicy(
      attempts: 2, backoffSeconds: [0.1], maxRetryAfterSeconds: 1)
    let test = try PubMedTestClient(behaviour, retry: quick)
    let checker = EvidenceFactChecker(
      pubmed: test.client, sources: nil, embedder: HashingTextEmbedder())
    let outcome = try checker.check(topic: "x", candidates: [])
    #expect(!outcome.verdict.pubmedReached)
    #expect(outcome.verdict.summary.contains("PubMed not reached"))
    #expect(outcome.evidence.isEmpty)
  }

  @Test("a source URL becomes evidence under its URL; a failing one is named in the verdict")
  func sourceURLEvidence() throws {
    let web = try FakeWebServer(pages: [
      "/p": FakeWebServer.Page(
        headers: [("Content-Type", "text/html")], body: EvidenceFixtures.bytes("web", "cp1251.html")
      )
    ])
    let fetcher = SourcePageFetcher(
      settings: try EvidenceSettings(environment: ["SERA_ALLOW_PRIVATE_URLS": "1"]))
    let checker = EvidenceFactChecker(
      pubmed: nil, sources: fetcher, embedder: HashingTextEmbedder())
    let outcome = try checker.check(
      topic: "тиск", candidates: [], sourceURL: web.baseURL + "/p")
    #expect(outcome.evidence.first?.chunkId == web.baseURL + "/p")
    #expect(outcome.evidence.first?.content.contains("тиск") == true)
    let failed = try checker.check(
      topic: "тиск", candidates: [], sourceURL: web.baseURL + "/missing")
    #expect(failed.evidence.isEmpty)
    #expect(failed.verdict.summary.contains("source URL not used"))
  }
}

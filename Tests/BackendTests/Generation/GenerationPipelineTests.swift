import FoundationEssentials
import Shared
import Testing

@testable import Backend

struct FixedStyle: StyleSampler {
  var samples: [RetrievedChunk]
  func styleSamples(for topic: String) throws -> [RetrievedChunk] { samples }
}

struct FixedEvidence: EvidenceRetriever {
  var chunks: [RetrievedChunk]
  func evidence(for topic: String) throws -> [RetrievedChunk] { chunks }
}

@Suite struct GenerationPipelineTests {
  static func draft(platform: Platform) -> Draft {
    Draft(
      id: 7, userId: 1, topic: "sleep hygiene for shift workers", platform: platform,
      status: .generating, createdAt: Date(), updatedAt: Date())
  }

  func pipeline(evidence: [RetrievedChunk]) -> GenerationPipeline {
    GenerationPipeline(
      styleSampler: FixedStyle(samples: GenerationComposerTests.samples),
      evidenceRetriever: FixedEvidence(chunks: evidence),
      logger: Logger(level: .error))
  }

  @Test func generatedDraftCitesKnowledgeFirstAndIsHonestAboutPubMed() throws {
    var irrelevant = GenerationComposerTests.chunk("far", "Unrelated text about bones.")
    irrelevant.cosine = 0.01
    let result = try pipeline(evidence: GenerationComposerTests.evidence + [irrelevant])
      .generate(draft: Self.draft(platform: .threads))
    #expect(result.provider == "offline-composer" && result.model == "offline-composer-1")
    #expect(result.problems == [])
    #expect(result.sources.map(\.kind) == [.knowledge, .knowledge, .style, .style, .style])
    #expect(!result.sources.contains { $0.id == "far" })
    #expect(result.verdict.knowledgeSourcesFound == 2)
    #expect(!result.verdict.pubmedReached && result.verdict.citationsVerified)
    #expect(
      result.verdict.summary.hasPrefix("2 knowledge-base sources; PubMed not consulted (offline)"))
    #expect(result.verdict.summary.hasSuffix("citations match the evidence"))
    for number in StandardDraftValidator.citations(in: result.content) {
      #expect(result.sources[number - 1].kind == .knowledge)
    }
  }

  @Test func noRelevantEvidenceIsSaidPlainly() throws {
    let result = try pipeline(evidence: []).generate(draft: Self.draft(platform: .telegram))
    #expect(result.verdict.knowledgeSourcesFound == 0)
    #expect(result.verdict.summary.hasPrefix("No relevant knowledge-base source"))
    #expect(result.content.contains("states no facts"))
  }
}

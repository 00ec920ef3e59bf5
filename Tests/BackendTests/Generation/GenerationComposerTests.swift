import FoundationEssentials
import Shared
import Testing

@testable import Backend

@Suite struct GenerationComposerTests {
  static func chunk(
    _ id: String, _ content: String, collection: KnowledgeCollection = .medicalKnowledge
  )
    -> RetrievedChunk
  {
    RetrievedChunk(
      chunkId: id, documentId: "doc-" + id, collection: collection, title: "Title \(id)",
      path: "medical_guidelines/\(id).md", heading: "Heading", content: content, cosine: 0.4,
      textRank: nil, fusedScore: 0.03)
  }

  static let evidence = [
    chunk(
      "sleep",
      "Heading\n\nSleep deficiency can interfere with work, school, driving, and social "
        + "functioning. Shift workers often sleep at the wrong time of day and feel tired at work. "
        + "Keeping a regular sleep schedule helps the body clock."),
    chunk(
      "insomnia",
      "Insomnia is a common sleep disorder. Treatments include lifestyle changes, counseling, "
        + "and medicines. A dark, quiet and cool bedroom supports good sleep hygiene."),
  ]
  static let samples = [
    chunk(
      "s1", "Wash your hands often. Learn more: https://bit.ly/x #handwashing #health",
      collection: .doctorStyle),
    chunk(
      "s2", "Get your flu shot 💉 today. Learn more: https://bit.ly/y #flu", collection: .doctorStyle
    ),
    chunk(
      "s3", "Sleep matters for your heart 💉. Learn more: https://bit.ly/z #sleep",
      collection: .doctorStyle),
  ]

  func compose(
    _ platform: Platform, evidence: [RetrievedChunk] = evidence,
    topic: String = "sleep hygiene for shift workers"
  )
    throws -> String
  {
    try OfflineComposer().write(
      DraftWritingRequest(
        topic: topic, platform: platform, language: "en", styleSamples: Self.samples,
        evidence: evidence)
    ).text
  }

  @Test(arguments: Platform.allCases)
  func postFitsThePlatformCitesRealSourcesAndSaysItIsOffline(platform: Platform) throws {
    let text = try compose(platform)
    let sources = Self.evidence.map {
      DraftSource(id: $0.chunkId, kind: .knowledge, title: $0.title, reference: $0.path)
    }
    #expect(!text.isEmpty)
    #expect(StandardDraftValidator().problems(in: text, platform: platform, sources: sources) == [])
    #expect(!StandardDraftValidator.citations(in: text).isEmpty)
    #expect(
      text.hasSuffix(
        "(Composed offline from the knowledge base without an LLM; needs the physician's review.)"))
    #expect(text.hasPrefix("💉 Sleep hygiene for shift workers"))
  }

  @Test func telegramPostBorrowsTheCallToActionAndATopicHashtag() throws {
    let text = try compose(.telegram)
    #expect(text.contains("Learn more in the sources cited in brackets."))
    #expect(text.contains("#sleep"))
    #expect(!text.contains("#flu"))
    #expect(
      text.contains(
        "Shift workers often sleep at the wrong time of day and feel tired at work. [1]"))
  }

  @Test func overlongTopicStillFitsX() throws {
    let topic = String(repeating: "very long topic words ", count: 12)
    let text = try compose(.twitter, topic: topic)
    #expect(PlatformTextMetrics.length(of: text, on: .twitter) <= 280)
    #expect(text.contains("needs the physician's review"))
  }

  @Test func noEvidenceGivesAPostThatStatesNoFacts() throws {
    let text = try compose(.threads, evidence: [])
    #expect(text.contains("states no facts"))
    #expect(StandardDraftValidator.citations(in: text).isEmpty)
  }

  @Test func validatorReportsUnknownCitationsAndOverlongText() {
    let problems = StandardDraftValidator().problems(
      in: String(repeating: "a", count: 281) + " [2]", platform: .twitter,
      sources: [DraftSource(id: "x", kind: .knowledge, title: "X", reference: "x.md")])
    #expect(problems.count == 2)
    #expect(problems.contains("Citation [2] has no matching source."))
    #expect(
      StandardDraftValidator().problems(in: " \n", platform: .telegram, sources: []) == [
        "The post is empty."
      ])
  }

  @Test func xWeightsURLsAndWideCharactersAsTwitterTextDoes() {
    #expect(PlatformTextMetrics.twitterWeightedLength("hello") == 5)
    #expect(
      PlatformTextMetrics.twitterWeightedLength("see https://example.com/a/very/long/path.") == 4
        + 23 + 1)
    #expect(PlatformTextMetrics.twitterWeightedLength("你好") == 4)
    #expect(PlatformTextMetrics.twitterWeightedLength("Привіт") == 6)
    #expect(PlatformTextMetrics.twitterWeightedLength("😀") == 2)
    #expect(PlatformTextMetrics.length(of: "😀", on: .telegram) == 2)
  }

  /// Threads counts an emoji as its UTF-8 bytes (Meta's posts documentation, known-failures
  /// BR-12), so one emoji is 4 and a ZWJ sequence its full byte length; other characters count 1.
  @Test func threadsCountsEmojiByTheirUTF8Bytes() {
    #expect(PlatformTextMetrics.length(of: "😀", on: .threads) == 4)
    #expect(PlatformTextMetrics.length(of: "Привіт", on: .threads) == 6)
    let fits = String(repeating: "ж", count: 490) + "🩺🩺"
    #expect(PlatformTextMetrics.length(of: fits, on: .threads) == 498)
    #expect(PlatformTextMetrics.fits(fits, on: .threads))
    let over = String(repeating: "ж", count: 493) + "🩺🩺"
    #expect(PlatformTextMetrics.length(of: over, on: .threads) == 501)
    #expect(!PlatformTextMetrics.fits(over, on: .threads))
    let zwj = String(repeating: "ж", count: 496) + "👩‍⚕️"
    #expect(PlatformTextMetrics.length(of: zwj, on: .threads) == 509)
  }
}

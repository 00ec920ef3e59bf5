import Shared

/// Writes a draft's text: style samples, evidence, fact check, writing, validation, each stage
/// behind a protocol so a real LLM or PubMed client can replace the offline default.
public struct GenerationPipeline: Sendable {
  public let styleSampler: any StyleSampler
  public let evidenceRetriever: any EvidenceRetriever
  public let factChecker: any FactChecker
  public let writer: any DraftWriter
  public let validator: any DraftValidator
  /// `en` or `uk`: the language of the post's fixed sentences.
  public let language: String
  private let logger: Logger

  /// A pipeline of the given stages.
  public init(
    styleSampler: any StyleSampler, evidenceRetriever: any EvidenceRetriever,
    factChecker: any FactChecker = OfflineFactChecker(),
    writer: any DraftWriter = OfflineComposer(),
    validator: any DraftValidator = StandardDraftValidator(), language: String = "en",
    logger: Logger
  ) {
    self.styleSampler = styleSampler
    self.evidenceRetriever = evidenceRetriever
    self.factChecker = factChecker
    self.writer = writer
    self.validator = validator
    self.language = language
    self.logger = logger
  }

  /// The offline pipeline over a vector store: local retrieval, offline fact check and composer.
  public static func offline(store: any VectorStore, language: String, logger: Logger)
    -> GenerationPipeline
  {
    GenerationPipeline(
      styleSampler: StyleMatcher(store: store), evidenceRetriever: KnowledgeRetriever(store: store),
      language: language, logger: logger)
  }

  /// Generates the text of `draft` (its topic and platform) with its sources and verdict.
  public func generate(draft: Draft) throws -> GeneratedDraft {
    let fields: [(String, LogValue)] = [("draft_id", .int(draft.id))]
    let samples = try timed("style_match", fields) {
      try styleSampler.styleSamples(for: draft.topic)
    }
    let outcome = try timed("fact_check", fields) {
      try factChecker.check(
        topic: draft.topic, candidates: try evidenceRetriever.evidence(for: draft.topic))
    }
    let request = DraftWritingRequest(
      topic: draft.topic, platform: draft.platform, language: language, styleSamples: samples,
      evidence: outcome.evidence)
    let content = try timed("llm_complete", fields + [("provider", .string(writer.provider))]) {
      try writer.write(request)
    }
    let sources = outcome.evidence.map(Self.knowledgeSource) + samples.map(Self.styleSource)
    let problems = validator.problems(in: content, platform: draft.platform, sources: sources)
    var verdict = outcome.verdict
    verdict.citationsVerified = !problems.contains { $0.hasPrefix("Citation") }
    return GeneratedDraft(
      content: content, sources: sources, verdict: verdict, problems: problems,
      provider: writer.provider, model: writer.model)
  }

  private func timed<T>(_ event: String, _ fields: [(String, LogValue)], _ body: () throws -> T)
    rethrows -> T
  {
    let started = ContinuousClock.now
    let result = try body()
    let elapsed = ContinuousClock.now - started
    let milliseconds =
      Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    logger.info(event, fields + [("duration_ms", .double(milliseconds))])
    return result
  }

  private static func knowledgeSource(_ chunk: RetrievedChunk) -> DraftSource {
    let title = chunk.heading.isEmpty ? chunk.title : "\(chunk.title) — \(chunk.heading)"
    return DraftSource(
      id: chunk.chunkId, kind: .knowledge, title: title, reference: chunk.path,
      score: chunk.cosine)
  }

  private static func styleSource(_ chunk: RetrievedChunk) -> DraftSource {
    DraftSource(
      id: chunk.chunkId, kind: .style, title: "Style sample \(chunk.heading)",
      reference: chunk.path, score: chunk.cosine)
  }
}

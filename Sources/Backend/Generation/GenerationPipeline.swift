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

  /// Generates the text of `draft` (its topic and platform) with its sources and verdict. A
  /// post that fails validation is written once more with the reasons; if it fails again it is
  /// kept with its problems for the physician to see. `note` is the physician's wish for a new
  /// version (regenerate with note), passed to the writer as part of the prompt.
  public func generate(
    draft: Draft, note: String? = nil, call: LLMCallContext = .init()
  ) throws -> GeneratedDraft {
    let fields: [(String, LogValue)] = [("draft_id", .int(draft.id))]
    let samples = try timed("style_match", fields) {
      try styleSampler.styleSamples(for: draft.topic)
    }
    let outcome = try timed("fact_check", fields) {
      try factChecker.check(
        topic: draft.topic, candidates: try evidenceRetriever.evidence(for: draft.topic),
        sourceURL: draft.sourceURL)
    }
    let sources = outcome.evidence.map(Self.evidenceSource) + samples.map(Self.styleSource)
    var request = DraftWritingRequest(
      topic: draft.topic, platform: draft.platform, language: language, styleSamples: samples,
      evidence: outcome.evidence, physicianNote: note, call: call)
    var checked = try self.writeAndCheck(request, sources: sources, fields: fields)
    if !checked.problems.isEmpty {
      logger.info(
        "draft_regenerating", fields + [("problems", .int(Int64(checked.problems.count)))])
      request.problemsToFix = checked.problems
      checked = try self.writeAndCheck(request, sources: sources, fields: fields)
    }
    return GeneratedDraft(
      content: checked.post.text, sources: sources,
      verdict: Self.verdict(outcome.verdict, citations: checked.citations),
      problems: checked.problems, provider: checked.post.provider, model: checked.post.model)
  }

  /// One written post with everything validation found wrong with it.
  private struct CheckedPost {
    var post: WrittenPost
    var problems: [String]
    var citations: CitationCheck
  }

  private func writeAndCheck(
    _ request: DraftWritingRequest, sources: [DraftSource], fields: [(String, LogValue)]
  ) throws -> CheckedPost {
    let post = try timed("llm_complete", fields + [("provider", .string(writer.provider))]) {
      try writer.write(request)
    }
    var problems: [String] = []
    if !post.finished {
      // A cut-off answer is never a finished post, however plausible its last sentence looks.
      problems.append("The text was cut off at the model's token limit, so it is incomplete.")
    }
    problems += validator.problems(in: post.text, platform: request.platform, sources: sources)
    return CheckedPost(
      post: post, problems: problems,
      citations: CitationCheck(content: post.text, sources: sources))
  }

  /// The fact check's verdict plus what the citation check really established: citations count
  /// as verified only when there were some and every one matched the evidence.
  static func verdict(_ base: FactCheckVerdict, citations: CitationCheck) -> FactCheckVerdict {
    var verdict = base
    verdict.citationsVerified = citations.checked > 0 && citations.problems.isEmpty
    let note: String
    if citations.checked == 0 {
      note = "no citations in the text to verify"
    } else if citations.problems.isEmpty {
      note = "all \(citations.checked) citations match the evidence"
    } else {
      note = "\(citations.problems.count) citations not found in the evidence"
    }
    verdict.summary = base.summary + "; " + note
    return verdict
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

  /// The source of one evidence item; its id says its kind: `PMID:<n>` for a PubMed article,
  /// an `http(s)` URL for a fetched page, anything else a knowledge-base chunk.
  static func evidenceSource(_ chunk: RetrievedChunk) -> DraftSource {
    let title = chunk.heading.isEmpty ? chunk.title : "\(chunk.title) — \(chunk.heading)"
    let id = chunk.chunkId
    let kind: DraftSource.Kind
    if id.uppercased().hasPrefix("PMID") {
      kind = .pubmed
    } else if id.hasPrefix("http://") || id.hasPrefix("https://") {
      kind = .url
    } else {
      kind = .knowledge
    }
    return DraftSource(id: id, kind: kind, title: title, reference: chunk.path, score: chunk.cosine)
  }

  private static func styleSource(_ chunk: RetrievedChunk) -> DraftSource {
    DraftSource(
      id: chunk.chunkId, kind: .style, title: "Style sample \(chunk.heading)",
      reference: chunk.path, score: chunk.cosine)
  }
}

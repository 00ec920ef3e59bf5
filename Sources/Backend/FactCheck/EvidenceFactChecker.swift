import Shared

/// The fact check with network sources: the draft's source URL (when given), the relevant
/// knowledge-base chunks, and PubMed abstracts for the topic. Each evidence item keeps its id
/// (`PMID:<n>`, the URL, or the chunk id) and the verdict says what was and was not reached.
public struct EvidenceFactChecker: FactChecker {
  /// Three abstracts are as many as a post can cite and keep the prompt short.
  public static let articleLimit = 3
  /// At most this much of a source page's text becomes evidence: its most topical paragraphs.
  static let sourceTextLimit = 2000

  private let pubmed: PubMedClient?
  private let sources: SourcePageFetcher?
  private let embedder: any TextEmbedder
  private let logger: Logger?

  /// A checker; a nil `pubmed` means PubMed is not consulted (and the verdict says so).
  public init(
    pubmed: PubMedClient?, sources: SourcePageFetcher?, embedder: any TextEmbedder,
    logger: Logger? = nil
  ) {
    self.pubmed = pubmed
    self.sources = sources
    self.embedder = embedder
    self.logger = logger
  }

  public func check(topic: String, candidates: [RetrievedChunk], sourceURL: String?) throws
    -> FactCheckOutcome
  {
    var notes: [String] = []
    var evidence: [RetrievedChunk] = []
    if let sourceURL, !sourceURL.isEmpty {
      let (item, note) = try source(sourceURL, topic: topic)
      evidence += item.map { [$0] } ?? []
      notes.append(note)
    }
    let kept = candidates.filter(\.isRelevant)
    evidence += kept
    notes.insert(Self.knowledgeNote(kept.count), at: 0)
    let (articles, reached, pubmedNote) = try consultPubMed(topic)
    evidence += articles
    notes.append(pubmedNote)
    let verdict = FactCheckVerdict(
      knowledgeSourcesFound: kept.count, pubmedReached: reached,
      pubmedArticlesFound: articles.count, citationsVerified: false,
      summary: notes.joined(separator: "; "))
    return FactCheckOutcome(evidence: evidence, verdict: verdict)
  }

  private static func knowledgeNote(_ count: Int) -> String {
    switch count {
    case 0: return "no relevant knowledge-base source"
    case 1: return "1 knowledge-base source"
    default: return "\(count) knowledge-base sources"
    }
  }

  /// PubMed's abstracts as evidence, whether PubMed answered, and the verdict's words for it.
  private func consultPubMed(_ topic: String) throws -> ([RetrievedChunk], Bool, String) {
    guard let pubmed else { return ([], false, "PubMed not consulted (offline)") }
    do {
      let search = try pubmed.search(topic, limit: Self.articleLimit)
      if search.hasQueryProblem {
        return (
          [], true,
          "PubMed query problem (\(search.problems.joined(separator: "; "))); "
            + "no conclusion drawn"
        )
      }
      let articles = try pubmed.articles(search.ids).filter { !$0.sections.isEmpty }
      let chunks = try articles.map { try chunk(for: $0, topic: topic) }
      var note = "PubMed: \(chunks.count) of \(search.count) articles with abstracts used"
      if search.filterIgnored {
        note += " (\(search.problems.joined(separator: "; ")): results are not filtered)"
      }
      return (chunks, true, note)
    } catch let error as PubMedError {
      logger?.warning("pubmed_unavailable", [("error", .string(error.description))])
      return ([], false, "PubMed not reached: \(error)")
    }
  }

  private func chunk(for article: PubMedArticle, topic: String) throws -> RetrievedChunk {
    let content = article.abstract
    return RetrievedChunk(
      chunkId: article.evidenceId, documentId: article.evidenceId,
      collection: .medicalKnowledge, title: article.title, path: article.url,
      heading: article.journal, content: content,
      cosine: try cosine(topic, article.title + "\n" + content), textRank: nil, fusedScore: 0)
  }

  private func source(_ url: String, topic: String) throws -> (RetrievedChunk?, String) {
    guard let sources else { return (nil, "source URL not fetched (offline)") }
    do {
      let page = try sources.fetch(url)
      let passage = try topicalPassage(of: page.text, topic: topic)
      guard !passage.isEmpty else { return (nil, "source URL has no readable text") }
      let item = RetrievedChunk(
        chunkId: url, documentId: url, collection: .medicalKnowledge,
        title: page.title.isEmpty ? url : page.title, path: page.finalURL, heading: "",
        content: passage, cosine: try cosine(topic, passage), textRank: nil, fusedScore: 0)
      return (item, "source URL read")
    } catch let error as SourceFetchError {
      logger?.warning("source_unavailable", [("error", .string(error.description))])
      return (nil, "source URL not used: \(error)")
    }
  }

  /// The page's paragraphs closest to the topic, in page order, within `sourceTextLimit`.
  private func topicalPassage(of text: String, topic: String) throws -> String {
    let paragraphs = text.split(separator: "\n").map(String.init).filter { $0.count > 40 }
    guard !paragraphs.isEmpty else { return String(text.prefix(Self.sourceTextLimit)) }
    let topicVector = try embedder.embed(topic)
    let vectors = try embedder.embed(paragraphs)
    let ranked = paragraphs.indices.sorted {
      VectorMath.dot(topicVector, vectors[$0]) > VectorMath.dot(topicVector, vectors[$1])
    }
    var chosen: [Int] = []
    var length = 0
    for index in ranked where length + paragraphs[index].count <= Self.sourceTextLimit {
      chosen.append(index)
      length += paragraphs[index].count + 1
    }
    return chosen.sorted().map { paragraphs[$0] }.joined(separator: "\n")
  }

  private func cosine(_ topic: String, _ text: String) throws -> Double {
    let vectors = try embedder.embed([topic, text])
    return VectorMath.dot(vectors[0], vectors[1])
  }
}

import Shared

/// The fact check used without network access: keeps knowledge-base chunks whose raw cosine is
/// relevant and says plainly that PubMed was not consulted.
public struct OfflineFactChecker: FactChecker {
  /// A checker with no settings.
  public init() {}

  public func check(topic: String, candidates: [RetrievedChunk], sourceURL: String?) throws
    -> FactCheckOutcome
  {
    let kept = candidates.filter(\.isRelevant)
    let noun = kept.count == 1 ? "source" : "sources"
    var summary =
      kept.isEmpty
      ? "No relevant knowledge-base source found; PubMed not consulted (offline)"
      : "\(kept.count) knowledge-base \(noun); PubMed not consulted (offline)"
    if let sourceURL, !sourceURL.isEmpty { summary += "; source URL not fetched (offline)" }
    let verdict = FactCheckVerdict(
      knowledgeSourcesFound: kept.count, pubmedReached: false, pubmedArticlesFound: 0,
      citationsVerified: false, summary: summary)
    return FactCheckOutcome(evidence: kept, verdict: verdict)
  }
}

import Shared

/// Checks every citation in a post against the evidence it was written from: `[n]` numbers,
/// PMIDs and URLs. An id the evidence does not hold is an invented source.
public struct CitationCheck: Sendable, Equatable {
  /// How many citations the text makes (numbers, PMIDs and URLs together).
  public var checked: Int
  /// One sentence per citation that has no matching evidence.
  public var problems: [String]

  /// The check of `content` against the evidence among `sources` (style samples never count).
  public init(content: String, sources: [DraftSource]) {
    let evidence = sources.filter { $0.kind != .style }
    let numbers = StandardDraftValidator.citations(in: content)
    let pmids = Self.pmids(in: content)
    let urls = Self.urls(in: content)
    self.checked = numbers.count + pmids.count + urls.count

    var problems: [String] = []
    for number in Set(numbers).sorted() where number < 1 || number > evidence.count {
      problems.append("Citation [\(number)] has no matching source.")
    }
    let knownPMIDs = Set(evidence.flatMap { Self.pmids(in: $0.id + " " + $0.reference) })
    for pmid in Self.unique(pmids) where !knownPMIDs.contains(pmid) {
      problems.append("Citation PMID \(pmid) is not among the evidence; it may be invented.")
    }
    let knownURLs = Set(evidence.flatMap { [$0.id, $0.reference] }.map(Self.normalized))
    for url in Self.unique(urls) where !knownURLs.contains(Self.normalized(url)) {
      // A PubMed link to an article in the evidence is the same citation as its PMID.
      if let pmid = Self.pmids(in: url).first, knownPMIDs.contains(pmid) { continue }
      problems.append("Citation \(url) is not among the evidence; it may be invented.")
    }
    self.problems = problems
  }

  /// PMIDs written as `PMID 123`, `PMID:123` or in a `pubmed.ncbi.nlm.nih.gov/123` link.
  static func pmids(in text: String) -> [String] {
    var found: [String] = []
    for marker in ["PMID", "pmid", "Pmid", "pubmed.ncbi.nlm.nih.gov/"] {
      var rest = Substring(text)
      while let range = rest.firstRange(of: marker) {
        let after = rest[range.upperBound...].drop { $0 == ":" || $0 == " " }
        let digits = after.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty { found.append(String(digits)) }
        rest = rest[range.upperBound...]
      }
    }
    return found
  }

  /// Every `http://` or `https://` link, without trailing punctuation.
  static func urls(in text: String) -> [String] {
    let stops: Set<Character> = [" ", "\n", "\t", ")", "]", ">", "\"", "'", "»"]
    var found: [String] = []
    var rest = Substring(text)
    // Links are matched in lower case, as models and people write them.
    while let range = rest.firstRange(of: "http") {
      let candidate = rest[range.lowerBound...].prefix { !stops.contains($0) }
      if candidate.hasPrefix("http://") || candidate.hasPrefix("https://") {
        var url = String(candidate)
        while let last = url.last, ".,;:!?".contains(last) { url.removeLast() }
        found.append(url)
      }
      rest = rest[range.upperBound...]
    }
    return found
  }

  private static func normalized(_ url: String) -> String {
    var text = url.lowercased()
    while text.hasSuffix("/") { text.removeLast() }
    return text
  }

  private static func unique(_ values: [String]) -> [String] {
    var seen: Set<String> = []
    return values.filter { seen.insert($0).inserted }
  }
}

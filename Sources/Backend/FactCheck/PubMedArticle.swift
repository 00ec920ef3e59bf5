import HTMLText
import Shared

/// One PubMed record as EFetch returns it: the parts a fact check cites.
public struct PubMedArticle: Sendable, Equatable {
  /// A labelled part of a structured abstract ("RESULTS"), or the whole of a plain one.
  public struct Section: Sendable, Equatable {
    /// The `Label` attribute, or nil for an unstructured abstract.
    public var label: String?
    /// All text of the section, inline markup (`<i>`, `<sup>`, MathML) reduced to its text.
    public var text: String
  }

  public var pmid: String
  public var title: String
  public var journal: String
  public var sections: [Section]

  /// The id drafts cite: `PMID:<n>`.
  public var evidenceId: String { "PMID:" + pmid }

  /// The article's page on PubMed.
  public var url: String { "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/" }

  /// The abstract as one text, each labelled section on its own line as `LABEL: text`.
  public var abstract: String {
    sections.map { section in
      section.label.map { "\($0): \(section.text)" } ?? section.text
    }.joined(separator: "\n")
  }
}

/// Reads an EFetch `PubmedArticleSet` with libxml2. Text is taken from every descendant text
/// node, so markup inside an abstract never cuts it short (BR-15).
public enum PubMedArticleParser {
  /// The journal articles in an EFetch XML answer; book records are skipped.
  public static func articles(from bytes: [UInt8]) throws(PubMedError) -> [PubMedArticle] {
    let root: XMLElement
    do {
      root = try XMLDocumentParser.parse(bytes)
    } catch {
      throw .invalidResponse(endpoint: "efetch", detail: error.message)
    }
    if root.name == "eFetchResult" || root.name == "ERROR" {
      let message = root.first("ERROR")?.text ?? root.text
      throw .invalidResponse(endpoint: "efetch", detail: clean(message))
    }
    guard root.name == "PubmedArticleSet" else {
      throw .invalidResponse(endpoint: "efetch", detail: "root element is <\(root.name)>")
    }
    return root.elements(named: "PubmedArticle").compactMap(article)
  }

  private static func article(_ element: XMLElement) -> PubMedArticle? {
    guard let citation = element.first("MedlineCitation"),
      let pmid = citation.first("PMID")?.text, !pmid.isEmpty
    else { return nil }
    let article = citation.first("Article")
    let sections = (article?.first("Abstract")?.elements(named: "AbstractText") ?? []).map {
      PubMedArticle.Section(label: $0.attributes["Label"], text: clean($0.text))
    }
    return PubMedArticle(
      pmid: clean(pmid), title: clean(article?.first("ArticleTitle")?.text ?? ""),
      journal: clean(article?.first(path: ["Journal", "Title"])?.text ?? ""),
      sections: sections.filter { !$0.text.isEmpty })
  }

  /// Trims the ends and folds the newlines and indentation of pretty-printed XML into spaces.
  static func clean(_ text: String) -> String {
    text.split(whereSeparator: { $0 == "\n" || $0 == "\t" })
      .map { $0.trimmed() }.filter { !$0.isEmpty }.joined(separator: " ")
  }
}

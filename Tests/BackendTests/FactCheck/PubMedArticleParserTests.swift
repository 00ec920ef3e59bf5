import Backend
import TestSupport
import Testing

@Suite("PubMed abstracts")
struct PubMedArticleParserTests {
  @Test("a structured abstract keeps every labelled section and the text inside inline markup")
  func structuredAbstractWithInlineMarkup() throws {
    let articles = try PubMedArticleParser.articles(
      from: FakePubMedServer.fixture("biopython_pubmed4.xml"))
    let article = try #require(articles.first)
    #expect(article.pmid == "27797938")
    #expect(article.sections.map(\.label) == ["OBJECTIVE", "DESIGN", "RESULTS", "CONCLUSIONS"])
    // <i>ex vivo</i>, <sub>2</sub> and <sup>+</sup> sit inside the sections: nothing is cut.
    let abstract = article.abstract
    #expect(abstract.hasPrefix("OBJECTIVE: "))
    #expect(abstract.contains("\nRESULTS: "))
    for section in article.sections {
      #expect(section.text.hasSuffix("."), "section \(section.label ?? "") ends early")
    }
    // The text inside the inline elements is kept in place, as itertext() would give it.
    #expect(abstract.contains("telomerase reverse transcriptase (TERT) gene region"))
    #expect(abstract.contains("95% CI 1.07 to 2.78; ptrend=0.048)"))
    #expect(abstract.contains("(linkage disequilibrium r2<0.25)"))
    #expect(
      article.sections[3].text
        == "Prediagnostic leucocyte telomere length and genetic variants at the TERT gene region "
        + "were associated with risk of pancreatic cancer.")
  }

  @Test("labels and inline subscripts of a second structured abstract survive")
  func secondStructuredAbstract() throws {
    let article = try #require(
      try PubMedArticleParser.articles(from: FakePubMedServer.fixture("biopython_pubmed5.xml"))
        .first)
    #expect(article.pmid == "28775130")
    #expect(article.sections.count > 1)
    #expect(article.sections.allSatisfy { $0.label != nil })
    let results = try #require(article.sections.first { $0.label == "RESULTS" })
    #expect(results.text.contains("(ORQ3=4.15, 95% CI 1.56 to 11.01, ORQ4=4.76"))
    #expect(results.text.contains("ptrend <0.01)"))
  }

  @Test("text inside MathML and superscripts of an unstructured abstract is kept")
  func mathMLAbstract() throws {
    let article = try #require(
      try PubMedArticleParser.articles(from: FakePubMedServer.fixture("biopython_pubmed6.xml"))
        .first)
    #expect(article.pmid == "30108519")
    #expect(article.sections.count == 1)
    #expect(article.sections[0].label == nil)
    #expect(article.sections[0].text.count > 500)
  }

  @Test("the BR-15 trigger reads exactly like itertext, entities decoded")
  func knownFailureTrigger() throws {
    let xml = """
      <?xml version="1.0"?>
      <PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version="1">1</PMID><Article>
      <ArticleTitle>Vitamin D<sub>3</sub> effects</ArticleTitle><Abstract>
      <AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">Vitamin B<sub>12</sub> deficiency is common.</AbstractText>
      <AbstractText Label="RESULTS" NlmCategory="RESULTS">HbA1c fell by 0.8% in the <i>metformin</i> arm (P&lt;0.001); BMI 30 kg/m<sup>2</sup>.</AbstractText>
      </Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
      """
    let article = try #require(try PubMedArticleParser.articles(from: Array(xml.utf8)).first)
    #expect(article.title == "Vitamin D3 effects")
    #expect(
      article.sections.map(\.text) == [
        "Vitamin B12 deficiency is common.",
        "HbA1c fell by 0.8% in the metformin arm (P<0.001); BMI 30 kg/m2.",
      ])
  }

  @Test("an answer that is not a PubmedArticleSet is a clear error")
  func wrongDocument() {
    #expect(throws: PubMedError.self) {
      try PubMedArticleParser.articles(from: FakePubMedServer.fixture("biopython_esummary8.xml"))
    }
    #expect(throws: PubMedError.self) {
      try PubMedArticleParser.articles(from: Array("<html><body>oops".utf8))
    }
  }
}

import Backend
import FoundationEssentials
import PDFText
import Postgres
import TestSupport
import Testing

@Suite("Knowledge base PDF guidelines")
struct KnowledgeBasePDFTests {
  static let pdfBytes = EvidenceFixtures.bytes("pdf", "guideline.pdf")

  @Test("poppler reads the fixture's text and title")
  func readsText() throws {
    let document = try PDFDocument(path: EvidenceFixtures.path("pdf", "guideline.pdf"))
    #expect(document.title == "Home Blood Pressure Guideline")
    #expect(document.pages.count == 1)
    #expect(document.text.contains("Sit quietly for five minutes"))
  }

  @Test("line-end hyphens are resolved per BR-30: words joined, compounds kept, soft hyphens gone")
  func hyphenationRepaired() {
    let raw = "Артеріаль-\nний тиск; long-\nterm follow-up; гіпер\u{00AD}тензія"
    #expect(PDFTextCleaner.cleaned(raw) == "Артеріальний тиск; long-term follow-up; гіпертензія")
    #expect(PDFTextCleaner.cleaned("COVID-\n19 and X- та Y") == "COVID-19 and X- та Y")
  }

  @Test("a PDF guideline is indexed with its text and goes away with its file")
  func pdfIndexed() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 2)
    let folder = try TemporaryFolder()
    try folder.write("medical_guidelines/flu.md", "# Flu\n\nGet a flu shot every year.\n")
    try GuidelineUpload(root: folder.path).save(name: "bp.pdf", bytes: Self.pdfBytes)
    let store = KnowledgeStore(pool: pool, embedder: HashingTextEmbedder())
    let report = try store.sync(root: folder.path)
    #expect(report.added == 2)
    #expect(report.issues.isEmpty)
    let rows = try pool.query(
      """
      SELECT d.title, string_agg(c.content, ' ') AS text FROM knowledge_documents d
      JOIN knowledge_chunks c ON c.document_id = d.id WHERE d.path = $1 GROUP BY d.title
      """, ["medical_guidelines/bp.pdf"])
    let row = try #require(rows.first)
    #expect(try row.string("title") == "Home Blood Pressure Guideline")
    let text = try row.string("text")
    #expect(text.contains("Measure blood pressure at home"))
    #expect(text.contains("hypertension"))

    let retriever = KnowledgeRetriever(
      store: PostgresVectorStore(pool: pool, embedder: HashingTextEmbedder()))
    let found = try retriever.chunks(for: "measure blood pressure at home")
    #expect(found.first?.path == "medical_guidelines/bp.pdf")

    try folder.remove("medical_guidelines/bp.pdf")
    #expect(try store.sync(root: folder.path).removed == 1)
    let left = try pool.query("SELECT path FROM knowledge_documents", []).map {
      try $0.string("path")
    }
    #expect(left == ["medical_guidelines/flu.md"])
  }
}

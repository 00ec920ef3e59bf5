import Backend
import FoundationEssentials
import Postgres
import TestSupport
import Testing

@Suite("Qdrant vector store")
struct RetrievalQdrantStoreTests {
  @Test("mirroring creates both collections, search finds the chunk, deletions follow PostgreSQL")
  func mirrorsAndSearches() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 2)
    let folder = try TemporaryFolder()
    try folder.write("medical_guidelines/flu.md", "# Flu\n\nGet a flu shot every autumn.\n")
    try folder.write("medical_guidelines/sleep.md", "# Sleep\n\nAdults need seven hours.\n")
    try folder.write("doctor_style/posts.jsonl", "{\"id\":\"a\",\"text\":\"Sleep well.\"}\n")
    let embedder = HashingTextEmbedder(dimensions: 256)
    let knowledge = KnowledgeStore(pool: pool, embedder: embedder)
    _ = try knowledge.sync(root: folder.path)

    let qdrant = try FakeQdrantServer(apiKey: "qk")
    let store = QdrantVectorStore(baseURL: qdrant.baseURL, apiKey: "qk", embedder: embedder)
    #expect(try store.mirror(from: pool) == 3)
    #expect(qdrant.pointCount("medical_knowledge") == 2)
    #expect(qdrant.pointCount("doctor_style") == 1)

    let hits = try store.search("flu shot", in: .medicalKnowledge, limit: 1)
    #expect(hits.first?.path == "medical_guidelines/flu.md")
    #expect(hits.first?.title == "Flu")
    #expect((hits.first?.cosine ?? 0) >= RetrievedChunk.relevantCosine)

    try folder.remove("medical_guidelines/flu.md")
    _ = try knowledge.sync(root: folder.path)
    try store.mirror(from: pool)
    #expect(qdrant.pointCount("medical_knowledge") == 1)
    #expect(try store.search("flu shot", in: .medicalKnowledge, limit: 5).count == 1)
  }

  @Test("a wrong API key is reported as Qdrant's refusal")
  func wrongKey() throws {
    let qdrant = try FakeQdrantServer(apiKey: "right")
    let store = QdrantVectorStore(
      baseURL: qdrant.baseURL, apiKey: "wrong", embedder: HashingTextEmbedder(dimensions: 8))
    let error = #expect(throws: RetrievalServiceError.self) {
      try store.search("x", in: .doctorStyle, limit: 5)
    }
    #expect(error?.problem.contains("401") == true)
  }
}

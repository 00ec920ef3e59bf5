import Postgres
import TestSupport
import Testing

@testable import Backend

@Suite struct RetrievalHybridSearchTests {
  @Test func sleepTopicFindsTheSleepGuidelines() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 2)
    let embedder = HashingTextEmbedder()
    _ = try KnowledgeStore(pool: pool, embedder: embedder)
      .sync(root: KnowledgeBaseChunkingTests.repositoryKnowledgeBase)
    let store = PostgresVectorStore(pool: pool, embedder: embedder)

    let found = try KnowledgeRetriever(store: store).chunks(for: "sleep hygiene for shift workers")
    #expect(found.count == KnowledgeRetriever.defaultLimit)
    let sleepDocuments = ["sleep", "insomnia"]
    #expect(sleepDocuments.contains { found[0].path.contains($0) })
    #expect(found[0].isRelevant)
    #expect(found.allSatisfy { $0.collection == .medicalKnowledge && !$0.title.isEmpty })

    let samples = try StyleMatcher(store: store).samples(for: "flu vaccination")
    #expect(samples.count == StyleMatcher.sampleCount)
    #expect(samples.allSatisfy { $0.collection == .doctorStyle })
  }

  @Test func cacheNoticesADeletedDocument() throws {
    let settings = try TestDatabase.create()
    defer { TestDatabase.drop(settings) }
    let pool = PostgresPool(settings: settings, maxConnections: 2)
    let embedder = HashingTextEmbedder()
    let folder = try TemporaryFolder()
    try folder.write("medical_guidelines/flu.md", "# Flu\n\nGet a flu shot every year.\n")
    try folder.write("medical_guidelines/sleep.md", "# Sleep\n\nAdults need seven hours.\n")
    let knowledge = KnowledgeStore(pool: pool, embedder: embedder)
    _ = try knowledge.sync(root: folder.path)
    let store = PostgresVectorStore(pool: pool, embedder: embedder)
    #expect(try store.search("flu shot", in: .medicalKnowledge, limit: 5).count == 2)

    try folder.remove("medical_guidelines/flu.md")
    _ = try knowledge.sync(root: folder.path)
    let after = try store.search("flu shot", in: .medicalKnowledge, limit: 5)
    #expect(after.map(\.path) == ["medical_guidelines/sleep.md"])
  }
}

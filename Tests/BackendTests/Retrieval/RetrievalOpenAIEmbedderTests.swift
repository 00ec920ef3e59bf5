import Backend
import TestSupport
import Testing

@Suite("OpenAI-compatible embedder")
struct RetrievalOpenAIEmbedderTests {
  @Test("vectors come back in input order, normalised, in batches, with the bearer key")
  func embedsThroughTheAPI() throws {
    let fake = try FakeEmbeddingServer(dimensions: 32)
    let embedder = OpenAICompatibleEmbedder(
      baseURL: fake.baseURL, model: "text-embedding-3-small", apiKey: "sk-test", dimensions: 32)
    let texts = (0..<130).map { "post number \($0) about sleep" }
    let vectors = try embedder.embed(texts)
    #expect(vectors.count == 130)
    #expect(fake.batchSizes == [128, 2])
    #expect(fake.authorizations.allSatisfy { $0 == "Bearer sk-test" })
    let expected = try fake.embedder.embed(texts[129])
    #expect(VectorMath.dot(vectors[129], expected) > 0.999)
  }

  @Test("an empty text gets a zero vector without being sent")
  func emptyText() throws {
    let fake = try FakeEmbeddingServer(dimensions: 16)
    let embedder = OpenAICompatibleEmbedder(
      baseURL: fake.baseURL, model: "m", apiKey: nil, dimensions: 16)
    let vectors = try embedder.embed(["", "flu shot"])
    #expect(vectors[0] == [Float](repeating: 0, count: 16))
    #expect(fake.batchSizes == [1])
  }

  @Test("vectors of the wrong length are an error naming the setting to fix")
  func wrongDimensions() throws {
    let fake = try FakeEmbeddingServer(dimensions: 16, answerDimensions: 8)
    let embedder = OpenAICompatibleEmbedder(
      baseURL: fake.baseURL, model: "m", apiKey: nil, dimensions: 16)
    let error = #expect(throws: RetrievalServiceError.self) { try embedder.embed(["flu"]) }
    #expect(error?.problem.contains("SERA_EMBEDDINGS_DIMENSIONS") == true)
  }
}

import Testing

@testable import Backend

@Suite("Vector cache top-k")
struct RetrievalTopKTests {
  @Test("the bounded top-k equals a full sort, ties broken by id")
  func matchesFullSort() throws {
    let embedder = HashingTextEmbedder(dimensions: 64)
    let texts = (0..<300).map { "post \($0 % 37) about sleep \($0 % 5) and stress \($0 % 11)" }
    let vectors = try embedder.embed(texts)
    let entries = texts.indices.map { index in
      ChunkVectorCache.Entry(
        id: "c\(index)", documentId: "d", collection: .doctorStyle, title: "", path: "",
        heading: "", content: texts[index], embedding: vectors[index])
    }
    let cache = ChunkVectorCache(stamp: "s", entries: entries)
    let query = try embedder.embed("sleep and stress")
    let expected = entries.map { ($0.id, VectorMath.dot(query, $0.embedding)) }
      .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(20).map(\.0)
    #expect(cache.nearest(to: query, limit: 20).map(\.id) == expected)
    #expect(cache.nearest(to: query, limit: 0).isEmpty)
    #expect(cache.nearest(to: query, limit: 1000).count == 300)
  }
}

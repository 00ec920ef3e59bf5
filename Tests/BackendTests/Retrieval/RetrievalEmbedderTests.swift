import Testing

@testable import Backend

@Suite struct RetrievalEmbedderTests {
  let embedder = HashingTextEmbedder()

  func cosine(_ a: String, _ b: String) throws -> Double {
    VectorMath.dot(try embedder.embed(a), try embedder.embed(b))
  }

  @Test func sameTextGivesTheSameNormalisedVector() throws {
    let first = try embedder.embed("Sleep hygiene for shift workers")
    let second = try HashingTextEmbedder().embed("Sleep hygiene for shift workers")
    #expect(first == second)
    #expect(first.count == HashingTextEmbedder.defaultDimensions)
    let norm = first.reduce(0) { $0 + $1 * $1 }
    #expect(abs(norm - 1) < 0.0001)
  }

  @Test func relatedTextsScoreHigherThanUnrelatedOnes() throws {
    let related = try cosine("sleep problems at night", "People with insomnia have sleep problems")
    let unrelated = try cosine("sleep problems at night", "Antibiotics fight bacterial infections")
    #expect(related > unrelated)
    #expect(related >= RetrievedChunk.relevantCosine)
    #expect(unrelated < RetrievedChunk.relevantCosine)
  }

  @Test func cyrillicInflectionsStayClose() throws {
    let inflected = try cosine("захворювання легенів", "Легені та їх захворювання у людини")
    let unrelated = try cosine("захворювання легенів", "Щеплення від грипу щороку")
    #expect(inflected > unrelated)
    #expect(inflected >= RetrievedChunk.relevantCosine)
  }

  @Test func emptyTextGivesAZeroVector() throws {
    #expect(try embedder.embed("  ").allSatisfy { $0 == 0 })
  }

  @Test func rankFusionFavoursItemsHighInBothLists() {
    let fused = RankFusion.fuse([["a", "b", "c"], ["c", "b", "x"]])
    #expect(fused.first?.id == "b" || fused.first?.id == "c")
    #expect(fused.map(\.id).last == "x")
    #expect(abs(fused.first { $0.id == "a" }!.score - 1 / 61) < 1e-12)
  }
}

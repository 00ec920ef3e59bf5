import Postgres
import Shared
import Testing

@testable import Backend

@Suite struct APIStyleSampleTests {
  @Test func anOperatorTakesAPublishedDraftOutOfTheStyleSamplesByItsDraftId() throws {
    let harness = try APITestHarness()
    let user = try UserStore(pool: harness.postgres).ensure(username: "dr_ada")
    let draft = try DraftStore(pool: harness.postgres).create(
      userId: user, topic: "flu shots", platform: .telegram, sourceURL: nil)
    let samples = StyleSampleStore(pool: harness.postgres, embedder: HashingTextEmbedder())
    let text = "Flu shots are free at every pharmacy this week."
    let chunk = try #require(try samples.add(content: text, draftId: draft.id, userId: user))
    let path = "/api/v1/drafts/\(draft.id)/style-sample"

    #expect(harness.send("DELETE", path, token: harness.physician).status == 403)
    #expect(harness.send("DELETE", path, token: harness.oncall).status == 403)
    #expect(harness.send("DELETE", path).status == 401)
    #expect(try samples.count(content: text) == 1)

    let removed = harness.send("DELETE", path, token: harness.operatorToken)
    #expect(removed.status == 200)
    #expect(String(decoding: removed.body, as: UTF8.self).contains(chunk))
    #expect(try samples.count(content: text) == 0)
    #expect(harness.send("DELETE", path, token: harness.operatorToken).status == 404)
    #expect(
      harness.send("DELETE", "/api/v1/drafts/x/style-sample", token: harness.operatorToken)
        .status == 400)
    // A later confirmation of the same text does not bring it back.
    #expect(try samples.add(content: text, draftId: draft.id, userId: user) == nil)
  }
}

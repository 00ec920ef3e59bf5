import HTTPServer
import Shared

/// `DELETE /api/v1/style/{chunk_id}`: an operator takes a published post out of the style
/// samples; it is not added back when the same text is confirmed again.
/// `DELETE /api/v1/drafts/{id}/style-sample` does the same for the sample a draft became (the
/// dashboard's way, since it shows drafts, not chunks).
struct StyleRoutes: Sendable {
  let samples: StyleSampleStore
  let store: StoreCall

  func register(in router: inout Router) {
    let routes = self
    router.add("DELETE", "/api/v1/style/{chunk_id}", .operate) { context throws(APIError) in
      try routes.remove(context)
    }
    router.add("DELETE", "/api/v1/drafts/{id}/style-sample", .operate) {
      context throws(APIError) in
      try routes.removeDraftSample(context)
    }
  }

  func removeDraftSample(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    guard let id = context.parameters["id"].flatMap({ Int64($0) }) else {
      throw .badRequest("path parameter 'id' must be a draft id")
    }
    let chunkId = try store.run("find the style sample") { try samples.sampleChunk(draftId: id) }
    guard let chunkId else { throw .notFound("draft \(id) is not among the style samples") }
    let removed = try store.run("remove the style sample") {
      try samples.remove(chunkId: chunkId, by: context.actor)
    }
    guard removed else { throw .notFound("draft \(id) is not among the style samples") }
    return .json(["removed": JSONValue.string(chunkId), "draft_id": .int(id)])
  }

  func remove(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    guard let chunkId = context.parameters["chunk_id"], !chunkId.isEmpty else {
      throw .badRequest("path parameter 'chunk_id' is required")
    }
    let removed = try store.run("remove the style sample") {
      try samples.remove(chunkId: chunkId, by: context.actor)
    }
    guard removed else { throw .notFound("no style sample \(chunkId)") }
    return .json(["removed": JSONValue.string(chunkId)])
  }
}

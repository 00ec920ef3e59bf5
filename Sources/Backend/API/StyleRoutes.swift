import HTTPServer
import Shared

/// `DELETE /api/v1/style/{chunk_id}`: an operator takes a published post out of the style
/// samples; it is not added back when the same text is confirmed again.
struct StyleRoutes: Sendable {
  let samples: StyleSampleStore
  let store: StoreCall

  func register(in router: inout Router) {
    let routes = self
    router.add("DELETE", "/api/v1/style/{chunk_id}", .operate) { context throws(APIError) in
      try routes.remove(context)
    }
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

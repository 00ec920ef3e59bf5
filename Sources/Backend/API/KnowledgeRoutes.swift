import FoundationEssentials
import HTTPServer
import Redis
import Shared

/// `POST /api/v1/knowledge/guidelines?name=<file name>` (operator): the raw request body is a
/// guideline file (.md, .txt or .pdf) saved into the knowledge base under a sanitised name (the
/// answer gives it), then a reindex is queued.
struct KnowledgeRoutes: Sendable {
  let upload: GuidelineUpload
  let reindex: ReindexRoutes

  /// The answer: the saved name, whether it was new, and the reindex it waits for.
  struct UploadAnswer: Codable, Sendable {
    var name: String
    var created: Bool
    var reindex: ReindexProgress?
    var message: String
  }

  /// Routes saving into `configuration.knowledgeBaseDirectory` and queueing reindexes.
  init(_ configuration: Configuration, _ queue: TaskQueue, _ redis: RedisPool, _ logger: Logger) {
    self.upload = GuidelineUpload(root: configuration.knowledgeBaseDirectory)
    self.reindex = ReindexRoutes(queue: queue, redis: redis, logger: logger)
  }

  func register(in router: inout Router) {
    let routes = self
    router.add("POST", "/api/v1/knowledge/guidelines", .operate) { context throws(APIError) in
      try routes.receive(context.request)
    }
  }

  func receive(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
    guard let given = request.query["name"], !given.isEmpty else {
      throw .badRequest("give the file name as ?name=<file name>")
    }
    let name: String
    let created: Bool
    do {
      name = try GuidelineUpload.sanitisedName(given)
      created = try upload.save(name: name, bytes: request.body)
    } catch {
      switch error {
      case .exists: throw APIError(status: 409, code: "conflict", detail: error.description)
      case .writeFailed: throw .unavailable(error.description)
      default: throw .invalid(error.description)
      }
    }
    do {
      let queued = try reindex.start()
      let progress = try? SeraJSON.decode(ReindexProgress.self, from: queued.body)
      let answer = UploadAnswer(
        name: name, created: created, reindex: progress, message: "saved; reindex queued")
      return .json(status: created ? 201 : 200, answer)
    } catch  where error.status == 409 {
      // The running reindex may have listed the folder already; the next one picks it up.
      let answer = UploadAnswer(
        name: name, created: created, reindex: nil,
        message: "saved; a reindex is already running: run another when it ends")
      return .json(status: created ? 201 : 200, answer)
    }
  }
}

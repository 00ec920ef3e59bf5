import HTTPServer
import Shared

/// The integration API for n8n and scripts, with the replaced system's snake_case names:
/// `POST /api/v1/draft` asks for a draft, `GET /api/v1/draft/{id}` reads how it is going.
/// Both need a bearer token, like the rest of the API.
struct IntegrationRoutes: Sendable {
  let requester: DraftRequester
  let drafts: DraftStore
  let store: StoreCall

  /// Routes over the draft store and queue.
  init(drafts: DraftStore, queue: TaskQueue, logger: Logger) {
    let store = StoreCall(logger: logger)
    self.requester = DraftRequester(drafts: drafts, queue: queue, store: store, logger: logger)
    self.drafts = drafts
    self.store = store
  }

  func register(in router: inout Router) {
    let routes = self
    router.add("POST", "/api/v1/draft", .editDrafts) { context throws(APIError) in
      try routes.create(context)
    }
    router.add("GET", "/api/v1/draft/{id}", .read) { context throws(APIError) in
      try routes.status(context)
    }
  }

  /// 201 with the draft id and the generation task id.
  func create(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let asked = try RequestBody.decode(CreateDraftRequest.self, from: context.request)
    let queued = try requester.request(
      asked, userId: context.user.userId, actor: context.actor)
    return .json(
      status: 201,
      IntegrationDraft(
        draftId: queued.draft.id, taskId: queued.taskId, status: queued.draft.status.rawValue))
  }

  /// The draft's status, text (once written) and fact-check verdict.
  func status(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    let id = try context.id()
    let found = try store.run("read the draft") { try drafts.get(id: id) }
    guard let draft = found else { throw .notFound("no draft with id \(id)") }
    return .json(
      IntegrationDraft(
        draftId: draft.id, taskId: nil, status: draft.status.rawValue, content: draft.content,
        verdict: draft.verdict, lastError: draft.lastError))
  }
}

/// The integration API's answer about one draft.
struct IntegrationDraft: Codable, Equatable {
  var draftId: Int64
  var taskId: String?
  var status: String
  var content: String?
  var verdict: FactCheckVerdict?
  var lastError: String?

  enum CodingKeys: String, CodingKey {
    case draftId = "draft_id"
    case taskId = "task_id"
    case status
    case content
    case verdict
    case lastError = "last_error"
  }
}

import HTTPServer
import Shared

/// Who may call a route.
enum Access: Sendable {
  /// Anyone, without a token (`/health`, `/metrics`).
  case open
  /// Any valid token; the route only reads.
  case read
  /// Roles that may change drafts: physician and operator.
  case editDrafts
  /// Operator only.
  case operate
}

/// What a route handler gets: the request, its path parameters, and the caller.
struct RouteContext: Sendable {
  let request: HTTPRequest
  let parameters: [String: String]
  /// Nil only on open routes.
  let caller: WhoAmI?

  /// The caller of a route that requires a token.
  var user: WhoAmI {
    guard let caller else { preconditionFailure("route declared open but needs a caller") }
    return caller
  }

  /// The `{id}` path parameter as a positive integer.
  func id() throws(APIError) -> Int64 {
    guard let text = parameters["id"], let id = Int64(text), id > 0 else {
      throw .badRequest("path parameter 'id' must be a positive integer")
    }
    return id
  }

  /// The actor name written to draft events, e.g. `physician:ada`.
  var actor: String { "\(user.role.rawValue):\(user.username)" }
}

typealias RouteHandler = @Sendable (RouteContext) throws(APIError) -> HTTPResponse

/// A handler that may answer later: it throws before answering, or calls `respond` once (now,
/// or from another thread), and the connection waits parked, holding no server thread.
typealias DeferredRouteHandler =
  @Sendable (RouteContext, @escaping HTTPResponder) throws(APIError) -> Void

/// One method and path pattern such as `/api/v1/drafts/{id}/approve`.
struct Route: Sendable {
  /// One part of a pattern between slashes.
  enum Segment: Sendable, Equatable {
    case literal(Substring)
    case parameter(String)
  }

  let method: String
  let pattern: String
  let access: Access
  let handler: DeferredRouteHandler
  /// The pattern split once, when the route is added, not on every request.
  let segments: [Segment]

  init(
    method: String, pattern: String, access: Access, handler: @escaping DeferredRouteHandler
  ) {
    self.method = method
    self.pattern = pattern
    self.access = access
    self.handler = handler
    self.segments = Route.split(pattern).map { part in
      part.hasPrefix("{") && part.hasSuffix("}")
        ? .parameter(String(part.dropFirst().dropLast())) : .literal(part)
    }
  }

  /// A path's parts between slashes, empty ones kept (so `/a/` differs from `/a`).
  static func split(_ path: String) -> [Substring] {
    path.split(separator: "/", omittingEmptySubsequences: false)
  }

  /// The path parameters when the path's parts fit the pattern, else nil.
  func parameters(for given: [Substring]) -> [String: String]? {
    guard segments.count == given.count else { return nil }
    var parameters: [String: String] = [:]
    for (segment, value) in zip(segments, given) {
      switch segment {
      case .parameter(let name):
        guard !value.isEmpty else { return nil }
        parameters[name] = String(value)
      case .literal(let literal):
        guard literal == value else { return nil }
      }
    }
    return parameters
  }
}

/// Finds the route for a method and path: a path that fits no route is 404, a wrong method 405.
struct Router: Sendable {
  private(set) var routes: [Route] = []

  mutating func add(
    _ method: String, _ pattern: String, _ access: Access, _ handler: @escaping RouteHandler
  ) {
    addDeferred(method, pattern, access) { context, respond throws(APIError) in
      respond(try handler(context))
    }
  }

  /// Adds a route whose handler may answer later (see `DeferredRouteHandler`).
  mutating func addDeferred(
    _ method: String, _ pattern: String, _ access: Access,
    _ handler: @escaping DeferredRouteHandler
  ) {
    routes.append(Route(method: method, pattern: pattern, access: access, handler: handler))
  }

  /// The matching route and its parameters, or the error to answer with.
  func match(method: String, path: String) -> Result<(Route, [String: String]), APIError> {
    let given = Route.split(path)
    let fitting = routes.compactMap { route in route.parameters(for: given).map { (route, $0) } }
    guard !fitting.isEmpty else { return .failure(.notFound("no route for \(path)")) }
    // HEAD is answered like GET; MHD leaves the body out.
    let wanted = method == "HEAD" ? "GET" : method
    guard let hit = fitting.first(where: { $0.0.method == wanted }) else {
      let allowed = Set(fitting.map(\.0.method)).sorted().joined(separator: ", ")
      var error = APIError(
        status: 405, code: "method_not_allowed", detail: "\(path) accepts \(allowed)")
      error.headers = [("Allow", allowed)]
      return .failure(error)
    }
    return .success(hit)
  }
}

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

/// One method and path pattern such as `/api/v1/drafts/{id}/approve`.
struct Route: Sendable {
  let method: String
  let pattern: String
  let access: Access
  let handler: RouteHandler

  /// The path parameters when the path fits the pattern, else nil.
  func parameters(for path: String) -> [String: String]? {
    let wanted = pattern.split(separator: "/", omittingEmptySubsequences: false)
    let given = path.split(separator: "/", omittingEmptySubsequences: false)
    guard wanted.count == given.count else { return nil }
    var parameters: [String: String] = [:]
    for (part, value) in zip(wanted, given) {
      if part.hasPrefix("{") && part.hasSuffix("}") {
        guard !value.isEmpty else { return nil }
        parameters[String(part.dropFirst().dropLast())] = String(value)
      } else if part != value {
        return nil
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
    routes.append(Route(method: method, pattern: pattern, access: access, handler: handler))
  }

  /// The matching route and its parameters, or the error to answer with.
  func match(method: String, path: String) -> Result<(Route, [String: String]), APIError> {
    let fitting = routes.compactMap { route in route.parameters(for: path).map { (route, $0) } }
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

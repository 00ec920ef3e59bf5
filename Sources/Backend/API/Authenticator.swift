import HTTPServer
import Shared

/// Finds who a request's bearer token belongs to, and whether that role may use a route.
struct Authenticator: Sendable {
  let tokens: TokenStore

  // Sera's tokens are far shorter; anything longer is not worth a database lookup.
  private static let maxTokenLength = 256

  /// The caller, or 401 when the token is missing or unknown, 403 when the role may not.
  func authorize(_ request: HTTPRequest, for access: Access) throws(APIError) -> WhoAmI? {
    if case .open = access { return nil }
    let caller = try identify(request)
    switch access {
    case .open, .read:
      break
    case .editDrafts where !caller.role.canEditDrafts:
      throw .forbidden(needs: "physician or operator")
    case .operate where !caller.role.canOperate:
      throw .forbidden(needs: "operator")
    case .editDrafts, .operate:
      break
    }
    return caller
  }

  private func identify(_ request: HTTPRequest) throws(APIError) -> WhoAmI {
    guard let header = request.headers["authorization"] else {
      throw .unauthorized("send the header Authorization: Bearer <token>")
    }
    let parts = header.split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else {
      throw .unauthorized("the Authorization header must be Bearer <token>")
    }
    let token = parts[1].trimmed()
    guard !token.isEmpty, token.count <= Authenticator.maxTokenLength else {
      throw .unauthorized("the token is not valid")
    }
    let found: WhoAmI?
    do {
      found = try tokens.authenticate(token)
    } catch {
      throw .unavailable("cannot check the token: the database is unreachable")
    }
    guard let found else { throw .unauthorized("the token is not valid or was revoked") }
    return found
  }
}

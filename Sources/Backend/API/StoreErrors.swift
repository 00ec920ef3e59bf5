import Shared

/// Runs a store call and turns its failures into API errors: missing → 404, lost race → 409,
/// refused value → 422, anything else (database down, bad SQL) → 503 with the cause logged.
struct StoreCall: Sendable {
  let logger: Logger

  func run<T>(_ what: String, _ body: () throws -> T) throws(APIError) -> T {
    do {
      return try body()
    } catch let error as APIError {
      throw error
    } catch let error as StoreError {
      throw map(error, what)
    } catch {
      logger.error("store_failed", [("operation", .string(what)), ("error", .string("\(error)"))])
      throw .unavailable("could not \(what): the database did not answer; try again shortly")
    }
  }

  private func map(_ error: StoreError, _ what: String) -> APIError {
    switch error {
    case .notFound:
      return .notFound("no such draft")
    case .conflict(let current):
      return .conflict(
        current,
        "the draft changed meanwhile (now \(current.status.rawValue), version \(current.version));"
          + " reload it and try again")
    case .invalid(let message):
      return .invalid(message)
    }
  }
}

import FoundationEssentials
import HTTPServer
import Shared

/// Decodes JSON request bodies into API types, turning decoding errors into ones naming the field.
enum RequestBody {
  /// The body decoded as `T`; 400 when it is not JSON or a field has the wrong shape.
  static func decode<T: Decodable>(_ type: T.Type, from request: HTTPRequest) throws(APIError) -> T
  {
    guard !request.body.isEmpty else { throw .badRequest("request body is empty; send JSON") }
    do {
      return try SeraJSON.decode(type, from: request.body)
    } catch let error as DecodingError {
      throw explain(error)
    } catch {
      throw .badRequest("request body is not valid JSON")
    }
  }

  private static func explain(_ error: DecodingError) -> APIError {
    switch error {
    case .keyNotFound(let key, let context):
      return .badRequest("field '\(path(context.codingPath + [key]))' is required")
    case .valueNotFound(_, let context):
      return .badRequest("field '\(path(context.codingPath))' must not be null")
    case .typeMismatch(let expected, let context):
      return .badRequest("field '\(path(context.codingPath))' must be \(describe(expected))")
    case .dataCorrupted(let context) where context.codingPath.isEmpty:
      return .badRequest("request body is not valid JSON")
    case .dataCorrupted(let context):
      return invalidValue(at: context.codingPath)
    @unknown default:
      return .badRequest("request body could not be read")
    }
  }

  /// A value of the right type but not allowed, e.g. an unknown platform name.
  private static func invalidValue(at codingPath: [any CodingKey]) -> APIError {
    let field = path(codingPath)
    if codingPath.first?.stringValue.hasPrefix("platform") == true {
      let names = Platform.allCases.map(\.rawValue).joined(separator: ", ")
      return .invalid("field '\(field)' must be one of \(names)")
    }
    return .invalid("field '\(field)' has a value that is not allowed")
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
      .joined(separator: ".").replacing(".[", with: "[")
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: return "a string"
    case is Int.Type, is Int64.Type: return "an integer"
    case is Bool.Type: return "true or false"
    default:
      let name = String(describing: type)
      return name.hasPrefix("Array")
        ? "an array" : name.hasPrefix("Dictionary") ? "an object" : name
    }
  }
}

import FoundationEssentials
import HTTPServer
import Shared
import Synchronization

/// An in-memory Qdrant speaking the REST subset Sera uses: collection exists/create, points
/// upsert, cosine search, delete by filter; answers in Qdrant's `{"result","status","time"}`
/// envelope, errors as `{"status":{"error":...}}` with Qdrant's status codes.
public final class FakeQdrantServer: Sendable {
  struct Point: Sendable {
    var vector: [Float]
    var payload: JSONValue
  }

  struct Collection: Sendable {
    var size: Int
    var points: [String: Point] = [:]
  }

  /// The REST root to use as `QDRANT_URL`.
  public let baseURL: String
  private let server: HTTPServer
  private let collections = EvidenceLocked<[String: Collection]>([:])

  /// A server that requires `api-key: <apiKey>` when one is given.
  public init(apiKey: String? = nil) throws {
    let collections = self.collections
    (server, baseURL) = try EvidenceLoopback.start { request in
      if let apiKey, request.headers["api-key"] != apiKey {
        return Self.error(401, "Must provide an API key or an Authorization bearer token")
      }
      return collections.withLock { Self.route(request, &$0) }
    }
  }

  deinit {
    server.stop()
  }

  /// The number of points stored in `collection` (nil when it does not exist).
  public func pointCount(_ collection: String) -> Int? {
    collections.withLock { $0[collection]?.points.count }
  }

  /// The `chunk_id` payload values stored in `collection`.
  public func chunkIds(_ collection: String) -> Set<String> {
    collections.withLock { all in
      Set(
        (all[collection]?.points.values ?? [:].values).compactMap { point in
          if case .object(let fields) = point.payload, case .string(let id) = fields["chunk_id"] {
            return id
          }
          return nil
        })
    }
  }

  private static func route(_ request: HTTPRequest, _ all: inout [String: Collection])
    -> HTTPResponse
  {
    let parts = request.path.split(separator: "/").map(String.init)
    guard parts.count >= 2, parts[0] == "collections" else { return error(404, "Not found") }
    let name = parts[1]
    let body = (try? JSONDecoder().decode(JSONValue.self, from: Data(request.body))) ?? .null
    switch (request.method, Array(parts.dropFirst(2))) {
    case ("GET", ["exists"]):
      return ok(.object(["exists": .bool(all[name] != nil)]))
    case ("PUT", []):
      guard let size = body["vectors"]?["size"]?.number else {
        return error(422, "Json deserialize error: missing field `vectors`")
      }
      guard all[name] == nil else { return error(409, "Collection `\(name)` already exists!") }
      all[name] = Collection(size: size)
      return ok(.bool(true))
    default:
      guard var collection = all[name] else {
        return error(404, "Not found: Collection `\(name)` doesn't exist!")
      }
      let response = points(request.method, Array(parts.dropFirst(2)), body, &collection)
      all[name] = collection
      return response
    }
  }

  private static func points(
    _ method: String, _ path: [String], _ body: JSONValue, _ collection: inout Collection
  ) -> HTTPResponse {
    switch (method, path) {
    case ("PUT", ["points"]):
      for point in body["points"]?.items ?? [] {
        guard case .string(let id) = point["id"], let vector = point["vector"]?.floats else {
          return error(422, "Json deserialize error: bad point")
        }
        guard vector.count == collection.size else {
          return error(
            400,
            "Wrong input: Vector dimension error: expected dim: \(collection.size), got \(vector.count)"
          )
        }
        collection.points[id] = Point(vector: vector, payload: point["payload"] ?? .null)
      }
      return ok(.object(["operation_id": .int(1), "status": .string("completed")]))
    case ("POST", ["points", "search"]):
      guard let query = body["vector"]?.floats, query.count == collection.size else {
        return error(400, "Wrong input: Vector dimension error")
      }
      let limit = body["limit"]?.number ?? 10
      let hits = collection.points.map { id, point in (id, point, cosine(query, point.vector)) }
        .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }.prefix(limit)
      return ok(
        .array(
          hits.map { id, point, score in
            .object([
              "id": .string(id), "version": .int(1), "score": .double(score),
              "payload": point.payload,
            ])
          }))
    case ("POST", ["points", "delete"]):
      let keep = body["filter"]?["must_not"]?.items?.first?["match"]?["any"]?.items
      let kept = Set((keep ?? []).compactMap(\.stringValue))
      collection.points = collection.points.filter { _, point in
        point.payload["chunk_id"]?.stringValue.map(kept.contains) ?? false
      }
      return ok(.object(["operation_id": .int(2), "status": .string("completed")]))
    default:
      return error(404, "Not found")
    }
  }

  private static func cosine(_ a: [Float], _ b: [Float]) -> Double {
    var dot: Float = 0
    var normA: Float = 0
    var normB: Float = 0
    for index in a.indices {
      dot += a[index] * b[index]
      normA += a[index] * a[index]
      normB += b[index] * b[index]
    }
    let norms = (normA * normB).squareRoot()
    return norms > 0 ? Double(dot / norms) : 0
  }

  private static func ok(_ result: JSONValue) -> HTTPResponse {
    json(200, .object(["result": result, "status": .string("ok"), "time": .double(0.0001)]))
  }

  private static func error(_ status: Int, _ message: String) -> HTTPResponse {
    json(
      status,
      .object(["status": .object(["error": .string(message)]), "time": .double(0.0001)]))
  }

  private static func json(_ status: Int, _ value: JSONValue) -> HTTPResponse {
    HTTPResponse(
      status: status, headers: [("Content-Type", "application/json")],
      body: Array((try? JSONEncoder().encode(value)) ?? Data()))
  }
}

extension JSONValue {
  fileprivate var items: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  fileprivate var number: Int? {
    switch self {
    case .int(let number): return Int(number)
    case .double(let number): return Int(number)
    default: return nil
    }
  }

  fileprivate var floats: [Float]? {
    items?.compactMap { item -> Float? in
      switch item {
      case .int(let number): return Float(number)
      case .double(let number): return Float(number)
      default: return nil
      }
    }
  }
}

import FoundationEssentials

/// The JSON bodies of Qdrant's REST API that the vector store sends and reads.
enum QdrantWire {
  /// What each point carries besides its vector: enough to rebuild a `RetrievedChunk`.
  struct Payload: Codable {
    var chunkId: String
    var documentId: String
    var title: String
    var path: String
    var heading: String
    var content: String
  }

  struct Point: Encodable {
    var id: String
    var vector: [Float]
    var payload: Payload
  }

  struct Upsert: Encodable {
    var points: [Point]
  }

  struct Search: Encodable {
    var vector: [Float]
    var limit: Int
    var withPayload = true
  }

  struct Hit: Decodable {
    var score: Double
    var payload: Payload?
  }

  struct CreateCollection: Encodable {
    struct Vectors: Encodable {
      var size: Int
      var distance = "Cosine"
    }
    var vectors: Vectors
  }

  struct Exists: Decodable {
    var exists: Bool
  }

  /// `{"filter":{"must_not":[{"key":"chunk_id","match":{"any":[...]}}]}}`: every point whose
  /// chunk is not among `keep`.
  struct DeleteOthers: Encodable {
    struct Condition: Encodable {
      struct Match: Encodable { var any: [String] }
      var key = "chunk_id"
      var match: Match
    }
    struct Filter: Encodable { var mustNot: [Condition] }
    var filter: Filter

    init(keep: [String]) {
      filter = Filter(mustNot: [Condition(match: Condition.Match(any: keep))])
    }
  }

  /// The success envelope `{"result": ..., "status": "ok", "time": ...}`.
  struct Envelope<Result: Decodable>: Decodable {
    var result: Result
  }

  /// Qdrant point ids are integers or UUIDs: the 32 hex digits of a chunk id, as a UUID.
  static func pointId(_ chunkId: String) -> String {
    let hex = Array(chunkId.filter(\.isHexDigit).lowercased().prefix(32))
    let padded = hex + Array(repeating: "0", count: max(0, 32 - hex.count))
    let cuts = [0, 8, 12, 16, 20, 32]
    return (0..<5).map { String(padded[cuts[$0]..<cuts[$0 + 1]]) }.joined(separator: "-")
  }
}

extension QdrantWire {
  /// Qdrant's keys are snake_case; the Swift names are camelCase.
  static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return encoder
  }()

  static let decoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return decoder
  }()
}

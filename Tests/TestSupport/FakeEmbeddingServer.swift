import Backend
import FoundationEssentials
import HTTPServer
import Synchronization

/// An OpenAI-compatible `POST /v1/embeddings` whose vectors come from the hashing embedder, so
/// tests know what to expect; it records each request's input count and Authorization header.
public final class FakeEmbeddingServer: Sendable {
  /// The API root to use as `SERA_EMBEDDINGS_BASE_URL` (ends in `/v1`).
  public let baseURL: String
  /// The embedder behind the answers.
  public let embedder: HashingTextEmbedder
  private let server: HTTPServer
  private let requests = EvidenceLocked<[(inputs: Int, authorization: String?)]>([])

  /// A server answering with `dimensions`-long vectors (`answerDimensions` overrides the length
  /// sent, to test a misconfigured model).
  public init(dimensions: Int = 64, answerDimensions: Int? = nil) throws {
    let embedder = HashingTextEmbedder(dimensions: answerDimensions ?? dimensions)
    self.embedder = HashingTextEmbedder(dimensions: dimensions)
    let requests = self.requests
    let (server, root) = try EvidenceLoopback.start { request in
      guard request.method == "POST", request.path == "/v1/embeddings" else {
        return .text(status: 404, "not found\n")
      }
      guard let body = try? JSONDecoder().decode(Request.self, from: Data(request.body)),
        !body.input.isEmpty, !body.input.contains("")
      else {
        let error = #"{"error":{"message":"invalid input","type":"invalid_request_error"}}"#
        return .text(status: 400, error, contentType: "application/json")
      }
      requests.withLock { $0.append((body.input.count, request.headers["authorization"])) }
      let vectors = (try? embedder.embed(body.input)) ?? []
      let answer = Answer(
        data: vectors.enumerated().map { Item(index: $0.offset, embedding: $0.element) },
        model: body.model,
        usage: Usage(promptTokens: body.input.count, totalTokens: body.input.count))
      let encoder = JSONEncoder()
      encoder.keyEncodingStrategy = .convertToSnakeCase
      return HTTPResponse(
        status: 200, headers: [("Content-Type", "application/json")],
        body: Array((try? encoder.encode(answer)) ?? Data()))
    }
    self.server = server
    self.baseURL = root + "/v1"
  }

  deinit {
    server.stop()
  }

  /// How many texts each request carried, in order.
  public var batchSizes: [Int] { requests.withLock { $0.map(\.inputs) } }

  /// The Authorization header of each request.
  public var authorizations: [String?] { requests.withLock { $0.map(\.authorization) } }

  private struct Request: Decodable {
    var model: String
    var input: [String]
  }

  private struct Item: Encodable {
    var object = "embedding"
    var index: Int
    var embedding: [Float]
  }

  private struct Usage: Encodable {
    var promptTokens: Int
    var totalTokens: Int
  }

  private struct Answer: Encodable {
    var object = "list"
    var data: [Item]
    var model: String
    var usage: Usage
  }
}

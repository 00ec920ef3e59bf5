import FoundationEssentials
import HTTPClient

/// An embedder calling an OpenAI-compatible `POST /embeddings` (OpenAI, llama.cpp, Ollama,
/// text-embeddings-inference), checking every answer before trusting it.
public struct OpenAICompatibleEmbedder: TextEmbedder {
  /// Texts per request: far below OpenAI's 2048-input cap, so one request stays small.
  public static let batchSize = 128

  public let dimensions: Int
  private let endpoint: String
  private let model: String
  private let apiKey: String?
  private let http: HTTPClient

  /// An embedder for the API root `baseURL` (e.g. `https://api.openai.com/v1`).
  public init(
    baseURL: String, model: String, apiKey: String?, dimensions: Int,
    http: HTTPClient = HTTPClient(timeoutSeconds: 30, connectTimeoutSeconds: 5)
  ) {
    self.endpoint = baseURL + "/embeddings"
    self.model = model
    self.apiKey = apiKey
    self.dimensions = dimensions
    self.http = http
  }

  public func embed(_ texts: [String]) throws -> [[Float]] {
    var vectors: [[Float]] = []
    vectors.reserveCapacity(texts.count)
    var start = 0
    while start < texts.count {
      let batch = Array(texts[start..<min(start + Self.batchSize, texts.count)])
      vectors += try embedBatch(batch)
      start += batch.count
    }
    return vectors
  }

  private func embedBatch(_ texts: [String]) throws -> [[Float]] {
    // The API rejects empty input; an empty text gets the zero vector, which matches nothing.
    let sent = texts.indices.filter { !texts[$0].isEmpty }
    var vectors = [[Float]](repeating: [Float](repeating: 0, count: dimensions), count: texts.count)
    guard !sent.isEmpty else { return vectors }
    let answer = try request(sent.map { texts[$0] })
    guard answer.data.count == sent.count,
      Set(answer.data.map(\.index)) == Set(0..<sent.count)
    else {
      throw RetrievalServiceError(
        "embeddings", "asked for \(sent.count) vectors, got \(answer.data.count)")
    }
    for item in answer.data {
      guard item.embedding.count == dimensions else {
        throw RetrievalServiceError(
          "embeddings",
          "model \(model) returned \(item.embedding.count) dimensions, expected \(dimensions) "
            + "(set SERA_EMBEDDINGS_DIMENSIONS)")
      }
      vectors[sent[item.index]] = Self.normalised(item.embedding)
    }
    return vectors
  }

  private func request(_ inputs: [String]) throws -> EmbeddingsAnswer {
    var headers = [("Content-Type", "application/json")]
    if let apiKey { headers.append(("Authorization", "Bearer " + apiKey)) }
    let body = try JSONEncoder().encode(EmbeddingsRequest(model: model, input: inputs))
    let response: HTTPClientResponse
    do {
      response = try http.send(method: "POST", url: endpoint, headers: headers, body: Array(body))
    } catch {
      throw RetrievalServiceError("embeddings", "\(error.kind.rawValue): \(error.message)")
    }
    guard response.status == 200 else {
      throw RetrievalServiceError(
        "embeddings", "HTTP \(response.status): \(String(response.text.prefix(200)))")
    }
    guard let answer = try? JSONDecoder().decode(EmbeddingsAnswer.self, from: Data(response.body))
    else { throw RetrievalServiceError("embeddings", "answer is not an embeddings list") }
    return answer
  }

  /// Models differ on whether they normalise; cosine by dot product needs unit length.
  static func normalised(_ vector: [Float]) -> [Float] {
    let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard norm > 0 else { return vector }
    return vector.map { $0 / norm }
  }
}

private struct EmbeddingsRequest: Encodable {
  var model: String
  var input: [String]
}

private struct EmbeddingsAnswer: Decodable {
  struct Item: Decodable {
    var index: Int
    var embedding: [Float]
  }
  var data: [Item]
}

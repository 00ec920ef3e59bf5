import FoundationEssentials
import HTTPClient
import Postgres

/// A vector store on Qdrant's REST API, one collection per knowledge collection
/// (`doctor_style`, `medical_knowledge`), cosine distance, the chunk's fields in the payload.
///
/// PostgreSQL stays the source of truth: `mirror(from:)` makes the Qdrant collections equal to
/// `knowledge_chunks` after a reindex. Limitation: search is dense only (no full-text fusion as
/// in `PostgresVectorStore`), since the collections carry no sparse vectors yet.
public final class QdrantVectorStore: VectorStore {
  /// Points per upsert request, keeping one request body to a few megabytes.
  static let upsertBatch = 256

  private let baseURL: String
  private let apiKey: String?
  private let embedder: any TextEmbedder
  private let http: HTTPClient

  /// A store at `baseURL` (e.g. `http://qdrant:6333`) using `embedder` for queries and points.
  public init(
    baseURL: String, apiKey: String?, embedder: any TextEmbedder,
    http: HTTPClient = HTTPClient(timeoutSeconds: 30, connectTimeoutSeconds: 5)
  ) {
    self.baseURL = baseURL
    self.apiKey = apiKey
    self.embedder = embedder
    self.http = http
  }

  public func search(_ query: String, in collection: KnowledgeCollection, limit: Int) throws
    -> [RetrievedChunk]
  {
    guard limit > 0 else { return [] }
    let vector = try embedder.embed(query)
    let hits: [QdrantWire.Hit] = try call(
      "POST", "/collections/\(collection.rawValue)/points/search",
      QdrantWire.Search(vector: vector, limit: limit))
    return hits.enumerated().compactMap { rank, hit in
      guard let payload = hit.payload else { return nil }
      // Qdrant's Cosine score is the raw cosine, so `relevantCosine` keeps its meaning.
      return RetrievedChunk(
        chunkId: payload.chunkId, documentId: payload.documentId, collection: collection,
        title: payload.title, path: payload.path, heading: payload.heading,
        content: payload.content, cosine: hit.score, textRank: nil,
        fusedScore: 1 / (RankFusion.k + Double(rank + 1)))
    }
  }

  /// Creates the collection with the embedder's vector size unless it exists.
  public func ensureCollection(_ collection: KnowledgeCollection) throws {
    let state: QdrantWire.Exists = try call(
      "GET", "/collections/\(collection.rawValue)/exists", nil as QdrantWire.Search?)
    guard !state.exists else { return }
    let _: Bool = try call(
      "PUT", "/collections/\(collection.rawValue)",
      QdrantWire.CreateCollection(vectors: .init(size: embedder.dimensions)))
  }

  /// Makes both collections equal to PostgreSQL's `knowledge_chunks`: every chunk upserted
  /// with its stored vector, every other point deleted. Returns the number of points written.
  @discardableResult
  public func mirror(from pool: PostgresPool) throws -> Int {
    var written = 0
    for collection in KnowledgeCollection.allCases {
      try ensureCollection(collection)
      let points = try storedPoints(of: collection, pool: pool)
      var start = 0
      while start < points.count {
        let batch = Array(points[start..<min(start + Self.upsertBatch, points.count)])
        let _: UpdateResult = try call(
          "PUT", "/collections/\(collection.rawValue)/points?wait=true",
          QdrantWire.Upsert(points: batch))
        start += batch.count
      }
      let _: UpdateResult = try call(
        "POST", "/collections/\(collection.rawValue)/points/delete?wait=true",
        QdrantWire.DeleteOthers(keep: points.map(\.payload.chunkId)))
      written += points.count
    }
    return written
  }

  private func storedPoints(of collection: KnowledgeCollection, pool: PostgresPool) throws
    -> [QdrantWire.Point]
  {
    let rows = try pool.query(
      """
      SELECT c.id, c.document_id, c.heading, c.content, c.embedding, d.title, d.path
      FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id
      WHERE c.collection = $1 ORDER BY c.id
      """, [collection.rawValue])
    return try rows.map { row in
      let payload = QdrantWire.Payload(
        chunkId: try row.string("id"), documentId: try row.string("document_id"),
        title: try row.string("title"), path: try row.string("path"),
        heading: try row.string("heading"), content: try row.string("content"))
      return QdrantWire.Point(
        id: QdrantWire.pointId(payload.chunkId), vector: try row.floats("embedding"),
        payload: payload)
    }
  }

  private struct UpdateResult: Decodable {
    var status: String
  }

  /// One request; the answer's `result` decoded, or an error naming Qdrant's own message.
  private func call<Body: Encodable, Result: Decodable>(
    _ method: String, _ path: String, _ body: Body?
  ) throws -> Result {
    var headers = [("Content-Type", "application/json")]
    if let apiKey { headers.append(("api-key", apiKey)) }
    let bytes = try body.map { Array(try QdrantWire.encoder.encode($0)) }
    let response: HTTPClientResponse
    do {
      response = try http.send(method: method, url: baseURL + path, headers: headers, body: bytes)
    } catch {
      throw RetrievalServiceError("qdrant", "\(error.kind.rawValue): \(error.message)")
    }
    guard (200..<300).contains(response.status) else {
      throw RetrievalServiceError(
        "qdrant", "\(method) \(path) answered \(response.status): \(response.text.prefix(200))")
    }
    do {
      return try QdrantWire.decoder.decode(
        QdrantWire.Envelope<Result>.self, from: Data(response.body)
      ).result
    } catch {
      throw RetrievalServiceError("qdrant", "\(method) \(path): unexpected answer")
    }
  }
}

/// Why an outside retrieval service (an embeddings API, Qdrant) gave no usable answer.
public struct RetrievalServiceError: Error, CustomStringConvertible, Equatable {
  /// The service, e.g. "embeddings" or "qdrant".
  public var service: String
  /// What failed, without keys or query strings.
  public var problem: String

  /// An error of `service`.
  public init(_ service: String, _ problem: String) {
    self.service = service
    self.problem = problem
  }

  public var description: String { "\(service): \(problem)" }
}

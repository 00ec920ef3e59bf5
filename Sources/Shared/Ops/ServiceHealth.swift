import FoundationEssentials

/// Whether one service of the runbook's service map answers, and how fast.
public struct ServiceHealth: Codable, Sendable, Equatable {
  public enum State: String, Codable, Sendable {
    case up
    case down
    /// Not checked yet, or not part of this deployment.
    case unknown
  }

  /// The service map's name: `backend`, `worker`, `scheduler`, `postgres`, `redis`, `qdrant`, `n8n`.
  public var name: String
  public var state: State
  public var latencyMs: Double?
  public var checkedAt: Date
  /// What failed, when the state is not `up`.
  public var detail: String?

  public init(
    name: String, state: State, latencyMs: Double? = nil, checkedAt: Date = Date(),
    detail: String? = nil
  ) {
    self.name = name
    self.state = state
    self.latencyMs = latencyMs
    self.checkedAt = checkedAt
    self.detail = detail
  }
}

/// The body of `GET /health`.
public struct HealthReport: Codable, Sendable, Equatable {
  /// `ok` when every required dependency is up, `degraded` otherwise.
  public var status: String
  public var version: String
  public var services: [ServiceHealth]

  public init(status: String, version: String, services: [ServiceHealth]) {
    self.status = status
    self.version = version
    self.services = services
  }
}

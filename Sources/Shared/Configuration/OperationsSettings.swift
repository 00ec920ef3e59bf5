import FoundationEssentials

/// Where `sera doctor`, `sera backup` and `sera restore` find the services they check or copy.
public struct OperationsSettings: Sendable, Equatable {
  /// `sera serve`'s base URL (its `/health`).
  public var backendURL: String
  /// The worker's metrics/health base URL.
  public var workerURL: String
  /// The scheduler's metrics/health base URL.
  public var schedulerURL: String
  /// Qdrant's base URL; nil leaves Qdrant out of doctor and backups.
  public var qdrantURL: String?
  /// Qdrant's API key, sent as the `api-key` header.
  public var qdrantAPIKey: String?
  /// Optional services `sera doctor` checks only when their base URL is set.
  public var n8nURL: String?
  public var prometheusURL: String?
  public var grafanaURL: String?
  public var lokiURL: String?
  /// The `pg_dump` and `psql` programs (a name looked up on PATH, or a path).
  public var pgDump: String
  public var psql: String

  /// The variables read here, with what each means; `sera config` and the README list them.
  public static let variables: [(name: String, meaning: String)] = [
    (
      "SERA_BACKEND_BASE_URL",
      "backend base URL for sera doctor (default http://127.0.0.1:SERA_HTTP_PORT)"
    ),
    ("SERA_WORKER_BASE_URL", "worker health base URL (default http://127.0.0.1:METRICS_PORT)"),
    (
      "SERA_SCHEDULER_BASE_URL",
      "scheduler health base URL (default http://127.0.0.1:SCHEDULER_METRICS_PORT)"
    ),
    ("QDRANT_URL", "Qdrant base URL; when set, doctor checks it and backups snapshot it"),
    ("QDRANT_API_KEY", "Qdrant API key, or QDRANT_API_KEY_FILE (a 0600 file)"),
    ("N8N_BASE_URL", "n8n base URL; when set, sera doctor checks /healthz"),
    ("PROMETHEUS_BASE_URL", "Prometheus base URL; when set, sera doctor checks /-/healthy"),
    ("GRAFANA_BASE_URL", "Grafana base URL; when set, sera doctor checks /api/health"),
    ("LOKI_BASE_URL", "Loki base URL; when set, sera doctor checks /ready"),
    ("SERA_PG_DUMP", "pg_dump program for sera backup (default pg_dump on PATH)"),
    ("SERA_PSQL", "psql program for sera restore (default psql on PATH)"),
  ]

  /// Reads the settings; the local stack's ports are the defaults, so doctor works with no setup.
  public init(environment: [String: String]) throws(ConfigurationError) {
    let env = Environment(values: environment)
    let httpPort = try env.port("SERA_HTTP_PORT", default: 8001)
    let workerPort = try env.port("METRICS_PORT", default: 9000)
    let schedulerPort = try env.port("SCHEDULER_METRICS_PORT", default: 9001)
    backendURL = try Self.url(env, "SERA_BACKEND_BASE_URL") ?? "http://127.0.0.1:\(httpPort)"
    workerURL = try Self.url(env, "SERA_WORKER_BASE_URL") ?? "http://127.0.0.1:\(workerPort)"
    schedulerURL =
      try Self.url(env, "SERA_SCHEDULER_BASE_URL") ?? "http://127.0.0.1:\(schedulerPort)"
    qdrantURL = try Self.url(env, "QDRANT_URL")
    qdrantAPIKey = try env.secret("QDRANT_API_KEY")
    n8nURL = try Self.url(env, "N8N_BASE_URL")
    prometheusURL = try Self.url(env, "PROMETHEUS_BASE_URL")
    grafanaURL = try Self.url(env, "GRAFANA_BASE_URL")
    lokiURL = try Self.url(env, "LOKI_BASE_URL")
    pgDump = env.string("SERA_PG_DUMP", default: "pg_dump")
    psql = env.string("SERA_PSQL", default: "psql")
  }

  /// An http(s) URL without its trailing slash, or nil when unset.
  private static func url(_ env: Environment, _ name: String) throws(ConfigurationError) -> String?
  {
    let value = env.string(name, default: "")
    if value.isEmpty { return nil }
    guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
      throw ConfigurationError(variable: name, problem: "must start with http:// or https://")
    }
    return value.hasSuffix("/") ? String(value.dropLast()) : value
  }
}

import FoundationEssentials

/// Sera's settings, read from the environment (and an optional `.env` file) with embedded defaults
/// that run the whole path on one machine with no keys and no internet.
public struct Configuration: Sendable {
  public var postgres: PostgresSettings
  public var redis: RedisSettings
  /// The Redis list tasks wait on; the runbook's `redis-cli LLEN seratonin_tasks` reads it.
  public var queueName: String
  public var httpHost: String
  public var httpPort: UInt16
  /// The threads `sera serve` answers requests on.
  public var httpThreads: Int
  public var workerMetricsPort: UInt16
  public var schedulerMetricsPort: UInt16
  public var workerConcurrency: Int
  public var knowledgeBaseDirectory: String
  public var outboxDirectory: String
  public var logLevel: LogLevel
  /// The language posts are written in: `uk` or `en`.
  public var postLanguage: String
  /// Every variable as read (process environment over `.env`), for the settings of each part
  /// (`LLMSettings(environment:)`, `SlackSettings(environment:)`, ...), which read their own.
  public var environment: [String: String]

  /// The variables Sera reads, with what each means; `sera config` and the README list them.
  public static let variables: [(name: String, meaning: String)] = [
    ("POSTGRES_HOST", "PostgreSQL host (default 127.0.0.1)"),
    ("POSTGRES_PORT", "PostgreSQL port (default 55432, the local stack's)"),
    ("POSTGRES_USER", "PostgreSQL user (default seratonin)"),
    ("POSTGRES_PASSWORD", "PostgreSQL password, or POSTGRES_PASSWORD_FILE (a 0600 file)"),
    ("POSTGRES_DB", "PostgreSQL database (default seratonin_db)"),
    ("REDIS_HOST", "Redis host (default 127.0.0.1)"),
    ("REDIS_PORT", "Redis port (default 56379, the local stack's)"),
    ("REDIS_PASSWORD", "Redis password, or REDIS_PASSWORD_FILE (a 0600 file)"),
    ("REDIS_DB", "Redis database number (default 0)"),
    ("SERA_QUEUE_NAME", "Redis list of the task queue (default seratonin_tasks)"),
    ("SERA_HTTP_HOST", "address `sera serve` binds (default 127.0.0.1)"),
    ("SERA_HTTP_PORT", "port of `sera serve` (default 8001)"),
    ("SERA_HTTP_THREADS", "threads `sera serve` answers requests on, 1 to 64 (default 4)"),
    ("METRICS_PORT", "worker metrics and health port (default 9000)"),
    ("SCHEDULER_METRICS_PORT", "scheduler metrics and health port (default 9001)"),
    ("SERA_WORKER_CONCURRENCY", "tasks one worker runs at once, 1 to 64 (default 16)"),
    ("SERA_KNOWLEDGE_BASE", "knowledge base folder (default knowledge_base)"),
    ("SERA_OUTBOX_DIR", "folder the outbox publisher writes posts to (default .sera/outbox)"),
    ("SERA_LOG_LEVEL", "debug, info, warning or error (default info)"),
    ("SERA_POST_LANGUAGE", "language of generated posts: uk or en (default en)"),
  ]

  // Few threads serve many connections each (bench/http: 4 answer /health about eight times
  // faster than 32 on two cores); a slow answer, such as a Slack command waiting for its batch
  // to commit, parks its connection instead of holding a thread.
  static let defaultHTTPThreads = 4

  // A draft's generation mostly waits on the LLM, so one worker runs many at once (Taskiq, which
  // Sera replaces, ran up to 100 per process). Each running task is a thread, and the slots' rows
  // in task_runs are written together (bench/queue: no-op tasks, one worker, 4 slots about 1 700
  // a second, 16 slots 3 000 to 3 500). More slots also mean more LLM calls at once: lower it
  // where a provider's rate limit bites.
  static let defaultWorkerConcurrency = 16

  /// Reads the configuration from the given variables; a bad value names the variable and what was
  /// wrong with it.
  public init(environment: [String: String]) throws(ConfigurationError) {
    let env = Environment(values: environment)
    self.environment = environment
    self.postgres = PostgresSettings(
      host: env.string("POSTGRES_HOST", default: "127.0.0.1"),
      port: try env.port("POSTGRES_PORT", default: 55432),
      user: env.string("POSTGRES_USER", default: "seratonin"),
      password: try env.secret("POSTGRES_PASSWORD") ?? "",
      database: env.string("POSTGRES_DB", default: "seratonin_db"))
    self.redis = RedisSettings(
      host: env.string("REDIS_HOST", default: "127.0.0.1"),
      port: try env.port("REDIS_PORT", default: 56379),
      password: try env.secret("REDIS_PASSWORD"),
      database: try env.integer("REDIS_DB", default: 0, in: 0...15))
    self.queueName = env.string("SERA_QUEUE_NAME", default: "seratonin_tasks")
    self.httpHost = env.string("SERA_HTTP_HOST", default: "127.0.0.1")
    self.httpPort = try env.port("SERA_HTTP_PORT", default: 8001)
    self.httpThreads = try env.integer(
      "SERA_HTTP_THREADS", default: Configuration.defaultHTTPThreads, in: 1...64)
    self.workerMetricsPort = try env.port("METRICS_PORT", default: 9000)
    self.schedulerMetricsPort = try env.port("SCHEDULER_METRICS_PORT", default: 9001)
    self.workerConcurrency = try env.integer(
      "SERA_WORKER_CONCURRENCY", default: Configuration.defaultWorkerConcurrency, in: 1...64)
    self.knowledgeBaseDirectory = env.string("SERA_KNOWLEDGE_BASE", default: "knowledge_base")
    self.outboxDirectory = env.string("SERA_OUTBOX_DIR", default: ".sera/outbox")
    guard let level = LogLevel(rawValue: env.string("SERA_LOG_LEVEL", default: "info")) else {
      throw ConfigurationError(
        variable: "SERA_LOG_LEVEL", problem: "must be debug, info, warning or error")
    }
    self.logLevel = level
    let language = env.string("SERA_POST_LANGUAGE", default: "en")
    guard ["en", "uk"].contains(language) else {
      throw ConfigurationError(variable: "SERA_POST_LANGUAGE", problem: "must be en or uk")
    }
    self.postLanguage = language
  }

  /// The process environment, with a `.env` file in the working directory filling in what is unset.
  public static func fromProcess() throws(ConfigurationError) -> Configuration {
    var values = (try? EnvironmentFile.load(path: ".env")) ?? [:]
    for (key, value) in ProcessInfo.processInfo.environment { values[key] = value }
    return try Configuration(environment: values)
  }
}

/// Where PostgreSQL is and who Sera is there.
public struct PostgresSettings: Sendable, Equatable {
  public var host: String
  public var port: UInt16
  public var user: String
  public var password: String
  public var database: String

  public init(host: String, port: UInt16, user: String, password: String, database: String) {
    self.host = host
    self.port = port
    self.user = user
    self.password = password
    self.database = database
  }

  /// A libpq keyword/value connection string with every value quoted.
  public var connectionString: String {
    var parts = [
      "host=\(quote(host))", "port=\(port)", "user=\(quote(user))", "dbname=\(quote(database))",
      "connect_timeout=5", "application_name=sera",
    ]
    if !password.isEmpty { parts.append("password=\(quote(password))") }
    return parts.joined(separator: " ")
  }

  private func quote(_ value: String) -> String {
    "'" + value.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
  }
}

/// Where Redis is.
public struct RedisSettings: Sendable, Equatable {
  public var host: String
  public var port: UInt16
  public var password: String?
  public var database: Int

  public init(host: String, port: UInt16, password: String? = nil, database: Int = 0) {
    self.host = host
    self.port = port
    self.password = password
    self.database = database
  }
}

/// A configuration value that cannot be used, named by its variable.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
  public var variable: String
  public var problem: String

  public init(variable: String, problem: String) {
    self.variable = variable
    self.problem = problem
  }

  public var description: String { "configuration: \(variable) \(problem)" }
}

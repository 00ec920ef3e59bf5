import Shared

/// `sera config`: the effective configuration, secrets masked.
struct ConfigCommand: SeraCommand {
  static let name = "config"
  static let summary =
    "print the effective configuration (secrets masked); `config variables`: every variable"

  /// Every part's variables, in the order the README's configuration section lists them.
  static let parts: [(title: String, variables: [(name: String, meaning: String)])] = [
    ("Core", Configuration.variables), ("Queue", QueueSettings.variables),
    ("LLM", LLMSettings.variables), ("Evidence and retrieval", EvidenceSettings.variables),
    ("Publishing", PublishingSettings.variables), ("Slack", SlackSettings.variables),
    ("Operations", OperationsSettings.variables),
  ]

  static func run(arguments: [String], context: CommandContext) throws -> Int32 {
    if arguments.first == "variables" {
      // Markdown, so the README's tables come from the code that reads the variables.
      var listed = Set<String>()
      for part in parts {
        context.output("### \(part.title)\n\n| variable | meaning |\n|---|---|")
        for variable in part.variables where listed.insert(variable.name).inserted {
          let meaning = variable.meaning.split(separator: "|", omittingEmptySubsequences: false)
            .joined(separator: "\\|")
          context.output("| `\(variable.name)` | \(meaning) |")
        }
        context.output("")
      }
      return 0
    }
    let c = context.configuration
    let rows: [(String, String)] = [
      ("POSTGRES_HOST", c.postgres.host), ("POSTGRES_PORT", String(c.postgres.port)),
      ("POSTGRES_USER", c.postgres.user), ("POSTGRES_PASSWORD", mask(c.postgres.password)),
      ("POSTGRES_DB", c.postgres.database), ("REDIS_HOST", c.redis.host),
      ("REDIS_PORT", String(c.redis.port)), ("REDIS_PASSWORD", mask(c.redis.password ?? "")),
      ("REDIS_DB", String(c.redis.database)), ("SERA_QUEUE_NAME", c.queueName),
      ("SERA_HTTP_HOST", c.httpHost), ("SERA_HTTP_PORT", String(c.httpPort)),
      ("METRICS_PORT", String(c.workerMetricsPort)),
      ("SCHEDULER_METRICS_PORT", String(c.schedulerMetricsPort)),
      ("SERA_WORKER_CONCURRENCY", String(c.workerConcurrency)),
      ("SERA_KNOWLEDGE_BASE", c.knowledgeBaseDirectory), ("SERA_OUTBOX_DIR", c.outboxDirectory),
      ("SERA_LOG_LEVEL", c.logLevel.rawValue), ("SERA_POST_LANGUAGE", c.postLanguage),
    ]
    let width = rows.map(\.0.count).max() ?? 0
    for (name, value) in rows { context.output(name.padding(toLength: width + 2) + value) }
    return 0
  }

  /// Says whether a secret is set without showing any of it.
  static func mask(_ secret: String) -> String { secret.isEmpty ? "(not set)" : "******** (set)" }
}

import Postgres
import Shared

/// Chooses the draft writer from the LLM settings: the router when a key is set, else the
/// offline composer.
public enum DraftWriters {
  /// The configured writer. Invalid LLM settings do not fall back to offline drafts, which
  /// would hide the mistake: every draft then fails, naming the variable to fix.
  public static func configured(
    environment: [String: String], pool: PostgresPool?, metrics: LLMMetrics,
    alarms: LLMProviderAlarms, logger: Logger
  ) -> any DraftWriter {
    let settings: LLMSettings
    do {
      settings = try LLMSettings(environment: environment)
    } catch {
      logger.error("llm_settings_invalid", [("error", .string(error.description))])
      return MisconfiguredWriter(problem: error.description)
    }
    guard settings.isEnabled else { return OfflineComposer() }
    let router = LLMRouter(
      settings: settings, pool: pool, metrics: metrics, alarms: alarms, logger: logger)
    logger.info(
      "llm_router_ready",
      [("providers", .string(router.clients.map(\.provider).joined(separator: ",")))])
    return LLMDraftWriter(router: router)
  }
}

/// The writer used when the LLM settings cannot be read: it fails each draft for good with the
/// configuration problem.
struct MisconfiguredWriter: DraftWriter {
  let provider = "llm-router"
  let model = "unconfigured"
  let problem: String

  func write(_ request: DraftWritingRequest) throws -> WrittenPost {
    throw TaskFailure.permanent(self.problem)
  }
}

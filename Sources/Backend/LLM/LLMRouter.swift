import Postgres
import Shared

#if canImport(Glibc)
  import Glibc
#endif

/// Sends a prompt to the providers in order (Anthropic, then OpenAI), retrying transient
/// failures a little and falling back on the rest, and accounts for every call: an `llm_router`
/// log line, metrics, and an `llm_calls` row with its cost.
public struct LLMRouter: Sendable {
  /// How hard one provider is tried before the next.
  public struct Policy: Sendable {
    /// Attempts per provider on overload, throttling, 5xx or a refused connection: one retry,
    /// so a drafting task stays far inside its timeout (two providers, two answers, 30 s each).
    public var attemptsPerProvider = 2
    /// Wait before a retry when the provider names none, in seconds.
    public var backoffSeconds = 1.0
    /// A longer `retry-after` than this is not waited for: the next provider is tried at once.
    public var maxRetryAfterSeconds = 20.0

    /// The default policy.
    public init() {}
  }

  let clients: [any LLMClient]
  private let prices: LLMPriceTable
  private let accounting: LLMCallAccounting
  private let policy: Policy
  private let pause: @Sendable (Double) -> Void

  /// A router over the configured providers (Anthropic first), recording calls in `pool`.
  public init(
    settings: LLMSettings, pool: PostgresPool?, metrics: LLMMetrics, alarms: LLMProviderAlarms,
    logger: Logger, policy: Policy = Policy()
  ) {
    var clients: [any LLMClient] = []
    if settings.anthropic.isConfigured {
      clients.append(
        AnthropicClient(settings: settings.anthropic, timeoutSeconds: settings.timeoutSeconds))
    }
    if settings.openAI.isConfigured {
      clients.append(
        OpenAIClient(settings: settings.openAI, timeoutSeconds: settings.timeoutSeconds))
    }
    self.init(
      clients: clients, prices: LLMPriceTable(overrides: settings.priceOverrides),
      accounting: LLMCallAccounting(
        calls: pool.map { LLMCallStore(pool: $0) }, metrics: metrics, alarms: alarms,
        logger: logger),
      policy: policy)
  }

  init(
    clients: [any LLMClient], prices: LLMPriceTable, accounting: LLMCallAccounting,
    policy: Policy, pause: @escaping @Sendable (Double) -> Void = LLMRouter.sleep
  ) {
    self.clients = clients
    self.prices = prices
    self.accounting = accounting
    self.policy = policy
    self.pause = pause
  }

  /// The first usable answer, with the provider and model that gave it; throws when every
  /// provider failed, or at once on a request the next provider would refuse as well.
  public func complete(
    _ prompt: LLMPrompt, context: LLMCallContext
  ) throws(LLMRouterError) -> RoutedAnswer {
    var failures: [LLMError] = []
    for client in self.clients {
      var attempt = 1
      while true {
        guard !context.isCancelled() else {
          throw LLMRouterError(failures: failures, cancelled: true)
        }
        do {
          let answer = try self.call(client, prompt, context: context)
          return RoutedAnswer(answer: answer, provider: client.provider, model: client.model)
        } catch {
          failures.append(error)
          guard error.allowsFallback else { throw LLMRouterError(failures: failures) }
          guard attempt < self.policy.attemptsPerProvider,
            let wait = self.wait(after: error, attempt)
          else { break }
          self.pause(wait)
          attempt += 1
        }
      }
    }
    throw LLMRouterError(failures: failures)
  }

  /// The wait before retrying the same provider, or nil to move on. A timeout moves on at once:
  /// another 30 s on a provider that just spent 30 s is worse than the fallback.
  private func wait(after error: LLMError, _ attempt: Int) -> Double? {
    switch error.kind {
    case .overloaded, .rateLimited, .server, .connect:
      guard let asked = error.retryAfterSeconds else {
        return self.policy.backoffSeconds * Double(1 << (attempt - 1))
      }
      return asked <= self.policy.maxRetryAfterSeconds ? asked : nil
    default:
      return nil
    }
  }

  private func call(
    _ client: any LLMClient, _ prompt: LLMPrompt, context: LLMCallContext
  ) throws(LLMError) -> LLMAnswer {
    let started = ContinuousClock.now
    do {
      let answer = try client.complete(prompt)
      let cost = self.prices.cost(
        model: client.model, tokensIn: answer.tokensIn, tokensOut: answer.tokensOut)
      self.accounting.record(
        client: client, context: context, started: started, result: .success(answer), cost: cost,
        priced: self.prices.price(of: client.model) != nil)
      return answer
    } catch {
      self.accounting.record(
        client: client, context: context, started: started, result: .failure(error), cost: 0,
        priced: true)
      throw error
    }
  }

  private static let sleep: @Sendable (Double) -> Void = { seconds in
    usleep(UInt32(min(seconds, 600) * 1_000_000))
  }
}

/// Which draft and task a call is for, and how to tell that the task was stopped.
public struct LLMCallContext: Sendable {
  /// The draft being written, stored with the call.
  public var draftId: Int64?
  /// The task attempt's id, stored with the call.
  public var taskId: String?
  /// True once the task timed out or the worker is stopping; checked between attempts.
  public var isCancelled: @Sendable () -> Bool

  /// A context for one draft's calls.
  public init(
    draftId: Int64? = nil, taskId: String? = nil,
    isCancelled: @escaping @Sendable () -> Bool = { false }
  ) {
    self.draftId = draftId
    self.taskId = taskId
    self.isCancelled = isCancelled
  }
}

/// An answer and who gave it.
public struct RoutedAnswer: Sendable, Equatable {
  /// The validated answer.
  public var answer: LLMAnswer
  /// The provider that answered, e.g. `openai` after a fallback.
  public var provider: String
  /// The model that was asked, e.g. `gpt-4o`.
  public var model: String
}

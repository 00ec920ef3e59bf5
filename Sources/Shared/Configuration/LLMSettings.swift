import FoundationEssentials

/// Which LLM providers the worker may call, how, and at what price; with no key at all the
/// offline composer writes drafts instead.
public struct LLMSettings: Sendable, Equatable {
  /// One provider's endpoint, key, model and sampling settings.
  public struct Provider: Sendable, Equatable {
    /// The secret key, or nil when the provider is not configured; never logged or printed.
    public var apiKey: String?
    /// The scheme, host and port, without a trailing slash or path, e.g. https://api.openai.com.
    public var baseURL: String
    /// The model id sent with each request.
    public var model: String
    /// The upper bound on generated tokens per answer.
    public var maxTokens: Int
    /// The sampling temperature.
    public var temperature: Double

    /// Whether the provider has a key and can be called.
    public var isConfigured: Bool { self.apiKey != nil }
  }

  /// A price in US dollars per million tokens, read and written.
  public struct Price: Sendable, Equatable {
    /// Dollars per million input (prompt) tokens.
    public var inputPerMillion: Double
    /// Dollars per million output (generated) tokens.
    public var outputPerMillion: Double

    /// A price from its two parts.
    public init(inputPerMillion: Double, outputPerMillion: Double) {
      self.inputPerMillion = inputPerMillion
      self.outputPerMillion = outputPerMillion
    }
  }

  /// Anthropic Messages API, tried first.
  public var anthropic: Provider
  /// OpenAI Chat Completions API, the fallback.
  public var openAI: Provider
  /// How long one HTTP attempt may take before it counts as a timeout, in seconds.
  public var timeoutSeconds: Double
  /// Prices by model id that replace or extend the built-in table.
  public var priceOverrides: [String: Price]

  /// Whether any provider has a key, which makes the worker use the router.
  public var isEnabled: Bool { self.anthropic.isConfigured || self.openAI.isConfigured }

  /// The variables these settings read, with what each means.
  public static let variables: [(name: String, meaning: String)] = [
    ("ANTHROPIC_API_KEY", "Anthropic key, or ANTHROPIC_API_KEY_FILE (0600); none: not used"),
    ("ANTHROPIC_BASE_URL", "Anthropic endpoint (default https://api.anthropic.com)"),
    ("ANTHROPIC_MODEL", "Anthropic model (default \(defaultAnthropicModel))"),
    ("ANTHROPIC_MAX_TOKENS", "most tokens per Anthropic answer (default 1024)"),
    ("ANTHROPIC_TEMPERATURE", "Anthropic sampling temperature, 0 to 1 (default 0.7)"),
    ("OPENAI_API_KEY", "OpenAI key, or OPENAI_API_KEY_FILE (0600); none: no fallback"),
    ("OPENAI_BASE_URL", "OpenAI-compatible endpoint (default https://api.openai.com)"),
    ("OPENAI_MODEL", "OpenAI model (default gpt-4o)"),
    ("OPENAI_MAX_TOKENS", "most tokens per OpenAI answer (default 1024)"),
    ("OPENAI_TEMPERATURE", "OpenAI sampling temperature, 0 to 2 (default 0.7)"),
    ("LLM_TIMEOUT_SECONDS", "time one LLM attempt may take (default 30)"),
    ("LLM_PRICES", "price overrides, `model=in/out` per million tokens, comma-separated"),
  ]

  /// The runbook's primary model, Claude 3.5 Sonnet (v2).
  public static let defaultAnthropicModel = "claude-3-5-sonnet-20241022"

  // A post is at most 4096 UTF-16 units (Telegram); 1024 tokens hold it in English and
  // nearly in Ukrainian, and a longer answer would be refused by the length check anyway.
  private static let defaultMaxTokens = 1024
  // Some variety between drafts while staying close to the physician's samples.
  private static let defaultTemperature = 0.7

  /// Reads the settings; a bad number or price names its variable.
  public init(environment: [String: String]) throws(ConfigurationError) {
    let env = Environment(values: environment)
    self.anthropic = Provider(
      apiKey: try env.secret("ANTHROPIC_API_KEY"),
      baseURL: LLMSettings.base(
        env.string("ANTHROPIC_BASE_URL", default: "https://api.anthropic.com")),
      model: env.string("ANTHROPIC_MODEL", default: LLMSettings.defaultAnthropicModel),
      maxTokens: try env.integer(
        "ANTHROPIC_MAX_TOKENS", default: LLMSettings.defaultMaxTokens, in: 1...200_000),
      temperature: try LLMSettings.number(
        "ANTHROPIC_TEMPERATURE", in: environment, default: LLMSettings.defaultTemperature,
        range: 0...1))
    self.openAI = Provider(
      apiKey: try env.secret("OPENAI_API_KEY"),
      baseURL: LLMSettings.base(env.string("OPENAI_BASE_URL", default: "https://api.openai.com")),
      model: env.string("OPENAI_MODEL", default: "gpt-4o"),
      maxTokens: try env.integer(
        "OPENAI_MAX_TOKENS", default: LLMSettings.defaultMaxTokens, in: 1...200_000),
      temperature: try LLMSettings.number(
        "OPENAI_TEMPERATURE", in: environment, default: LLMSettings.defaultTemperature,
        range: 0...2))
    self.timeoutSeconds = try LLMSettings.number(
      "LLM_TIMEOUT_SECONDS", in: environment, default: 30, range: 1...600)
    self.priceOverrides = try LLMSettings.prices(environment["LLM_PRICES"] ?? "")
  }

  /// A base URL without trailing slashes, so paths can be appended.
  private static func base(_ url: String) -> String {
    var url = url
    while url.hasSuffix("/") { url.removeLast() }
    return url
  }

  private static func number(
    _ name: String, in environment: [String: String], default fallback: Double,
    range: ClosedRange<Double>
  ) throws(ConfigurationError) -> Double {
    guard let text = environment[name]?.trimmed(), !text.isEmpty else { return fallback }
    guard let value = Double(text), range.contains(value) else {
      throw ConfigurationError(
        variable: name,
        problem: "must be a number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\""
      )
    }
    return value
  }

  /// Parses `model=in/out,model=in/out`; an empty text is no override.
  private static func prices(_ text: String) throws(ConfigurationError) -> [String: Price] {
    var prices: [String: Price] = [:]
    for entry in text.split(separator: ",") {
      let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmed() }
      let amounts = parts.count == 2 ? parts[1].split(separator: "/").map { $0.trimmed() } : []
      guard parts.count == 2, !parts[0].isEmpty, amounts.count == 2,
        let input = Double(amounts[0]), let output = Double(amounts[1]), input >= 0, output >= 0
      else {
        throw ConfigurationError(
          variable: "LLM_PRICES",
          problem:
            "entries must read model=input/output in USD per million tokens, got \"\(entry)\"")
      }
      prices[parts[0]] = Price(inputPerMillion: input, outputPerMillion: output)
    }
    return prices
  }
}

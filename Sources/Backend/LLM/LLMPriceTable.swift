import Shared

/// Dollars per million tokens by model id, for the cost of each call.
public struct LLMPriceTable: Sendable, Equatable {
  /// The built-in prices, per million tokens in/out.
  public static let defaults: [String: LLMSettings.Price] = [
    // Anthropic pricing page, "Sonnet 3.5" (external-apis.md §2): $3 in, $15 out.
    "claude-3-5-sonnet-20241022": .init(inputPerMillion: 3, outputPerMillion: 15),
    // Mirrors of openai.com/api/pricing (external-apis.md §3.4, secondary): $2.50 in, $10 out.
    "gpt-4o": .init(inputPerMillion: 2.5, outputPerMillion: 10),
  ]

  private let prices: [String: LLMSettings.Price]

  /// The built-in table with `overrides` (LLM_PRICES) replacing or adding entries.
  public init(overrides: [String: LLMSettings.Price] = [:]) {
    self.prices = LLMPriceTable.defaults.merging(overrides) { _, override in override }
  }

  /// The price of a model: its own entry, else the longest entry it starts with (so
  /// `gpt-4o-2024-08-06` is priced as `gpt-4o`), else nil.
  public func price(of model: String) -> LLMSettings.Price? {
    if let exact = self.prices[model] { return exact }
    let family = self.prices.keys.filter { model.hasPrefix($0) }.max { $0.count < $1.count }
    return family.flatMap { self.prices[$0] }
  }

  /// The cost in dollars of one call; a model with no price costs 0 and the caller says so.
  public func cost(model: String, tokensIn: Int, tokensOut: Int) -> Double {
    guard let price = self.price(of: model) else { return 0 }
    return (Double(tokensIn) * price.inputPerMillion + Double(tokensOut) * price.outputPerMillion)
      / 1_000_000
  }
}

import Shared
import Testing

@testable import Backend

@Suite struct LLMSettingsTests {
  @Test func noKeyKeepsTheOfflineComposerWithTheRunbookDefaults() throws {
    let settings = try LLMSettings(environment: [:])
    #expect(!settings.isEnabled)
    #expect(settings.anthropic.model == "claude-3-5-sonnet-20241022")
    #expect(settings.anthropic.baseURL == "https://api.anthropic.com")
    #expect(
      settings.openAI.model == "gpt-4o" && settings.openAI.baseURL == "https://api.openai.com")
    #expect(settings.timeoutSeconds == 30)
  }

  @Test func aKeyEnablesTheRouterAndBaseURLsLoseTrailingSlashes() throws {
    let settings = try LLMSettings(environment: [
      "OPENAI_API_KEY": "k", "OPENAI_BASE_URL": "http://127.0.0.1:9/",
    ])
    #expect(settings.isEnabled && !settings.anthropic.isConfigured)
    #expect(settings.openAI.baseURL == "http://127.0.0.1:9")
  }

  @Test func priceOverridesAreReadAndBadOnesNameTheVariable() throws {
    let settings = try LLMSettings(environment: ["LLM_PRICES": "gpt-4o=5/20, local=0/0"])
    #expect(settings.priceOverrides["gpt-4o"] == .init(inputPerMillion: 5, outputPerMillion: 20))
    #expect(settings.priceOverrides["local"] == .init(inputPerMillion: 0, outputPerMillion: 0))
    #expect(throws: ConfigurationError.self) {
      try LLMSettings(environment: ["LLM_PRICES": "gpt-4o=cheap"])
    }
    #expect(throws: ConfigurationError.self) {
      try LLMSettings(environment: ["ANTHROPIC_TEMPERATURE": "1.5"])
    }
  }

  @Test func pricesComeFromTheTableAndDatedModelsUseTheirFamily() {
    let table = LLMPriceTable()
    // 1 000 000 in at $3 plus 100 000 out at $15 per million.
    #expect(
      table.cost(model: "claude-3-5-sonnet-20241022", tokensIn: 1_000_000, tokensOut: 100_000)
        == 4.5)
    #expect(table.price(of: "gpt-4o-2024-08-06") == table.price(of: "gpt-4o"))
    #expect(table.price(of: "mystery-model") == nil)
    let cheaper = LLMPriceTable(overrides: [
      "gpt-4o": .init(inputPerMillion: 1, outputPerMillion: 1)
    ])
    #expect(cheaper.cost(model: "gpt-4o", tokensIn: 500_000, tokensOut: 500_000) == 1)
  }
}

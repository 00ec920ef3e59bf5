import Foundation
import Postgres
import Shared
import TestSupport
import Testing

@testable import Backend

/// Drafts written through the LLM router against the fake providers, stored in a real database.
@Suite struct LLMDraftGenerationTests {
  static let pubmedEvidence = GenerationComposerTests.chunk(
    "PMID:31978945", "Shift workers who keep a regular sleep window sleep longer.")

  /// A draft in a fresh database, the generation task over the kit's router, and the pool.
  struct Setup {
    let settings: PostgresSettings
    let pool: PostgresPool
    let draft: Draft
    let task: GenerateDraftTask
  }

  func setup(_ kit: LLMTestKit, platform: Platform = .telegram) throws -> Setup {
    let settings = try TestDatabase.create()
    let pool = PostgresPool(settings: settings, maxConnections: 2)
    let user = try UserStore(pool: pool).ensure(username: "dr-llm")
    let draft = try DraftStore(pool: pool).create(
      userId: user, topic: "sleep hygiene for shift workers", platform: platform, sourceURL: nil)
    let pipeline = GenerationPipeline(
      styleSampler: FixedStyle(samples: GenerationComposerTests.samples),
      evidenceRetriever: FixedEvidence(
        chunks: GenerationComposerTests.evidence + [Self.pubmedEvidence]),
      writer: LLMDraftWriter(router: try kit.router(pool: pool)), logger: kit.logger)
    return Setup(
      settings: settings, pool: pool, draft: draft,
      task: GenerateDraftTask(pool: pool, pipeline: pipeline, logger: kit.logger))
  }

  func run(_ setup: Setup) throws -> Draft {
    let message = TaskMessage(
      taskName: TaskName.generateDraft, kwargs: ["draft_id": .int(setup.draft.id)])
    _ = try setup.task.run(message, context: TaskContext(attempt: 1, logger: Logger(level: .error)))
    return try #require(try DraftStore(pool: setup.pool).get(id: setup.draft.id))
  }

  @Test func fallbackDraftRecordsOpenAIAndThreeCostedCalls() throws {
    let kit = try LLMTestKit(
      anthropic: [.status(529), .status(529), .answer(text: "unused")],
      openAI: [.answer(text: "Keep one sleep window, even on days off [1].")])
    let setup = try setup(kit)
    defer { TestDatabase.drop(setup.settings) }
    let draft = try run(setup)
    #expect(draft.status == .generated && draft.problems == [])
    #expect(draft.provider == "openai" && draft.model == "gpt-4o")

    let rows = try setup.pool.query(
      "SELECT provider, outcome, tokens_in, tokens_out, cost_usd::float8 AS cost, draft_id "
        + "FROM llm_calls ORDER BY id")
    #expect(rows.count == 3)
    #expect(try rows.map { try $0.string("provider") } == ["anthropic", "anthropic", "openai"])
    #expect(try rows.map { try $0.string("outcome") } == ["overloaded", "overloaded", "ok"])
    let answer = try #require(rows.last)
    let tokensIn = try answer.int("tokens_in")
    let tokensOut = try answer.int("tokens_out")
    #expect(tokensIn > 0 && tokensOut > 0)
    // gpt-4o at $2.50 in and $10 out per million tokens.
    let expected = (Double(tokensIn) * 2.5 + Double(tokensOut) * 10) / 1_000_000
    #expect(abs(try answer.double("cost") - expected) < 0.000_001)
    #expect(try rows.allSatisfy { try $0.int64("draft_id") == setup.draft.id })
  }

  @Test func bothProvidersDownFailsTheAttemptForARetryNamingBoth() throws {
    let kit = try LLMTestKit(anthropic: [.status(529)], openAI: [.status(500)])
    let setup = try setup(kit)
    defer { TestDatabase.drop(setup.settings) }
    #expect {
      try run(setup)
    } throws: { error in
      // Not TaskFailure.permanent: the queue retries it under its policy.
      error is LLMRouterError && "\(error)".contains("anthropic")
        && "\(error)".contains("openai")
    }
    #expect(try DraftStore(pool: setup.pool).get(id: setup.draft.id)?.status == .generating)
  }

  @Test func aMaxTokensStopIsNeverAcceptedAsAFinishedDraft() throws {
    let cut = "Metformin lowers B12, so patients should"
    let kit = try LLMTestKit(anthropic: [.maxTokens(text: cut)], openAI: [])
    let setup = try setup(kit)
    defer { TestDatabase.drop(setup.settings) }
    let draft = try run(setup)
    #expect(kit.requests(to: "anthropic").count == 2, "one regeneration")
    #expect(draft.status == .generated)
    #expect(draft.problems.contains { $0.contains("cut off") }, "\(draft.problems)")
  }

  @Test func aCutOffAnswerIsRegeneratedWithTheReason() throws {
    let kit = try LLMTestKit(
      anthropic: [.maxTokens(text: "Sleep is"), .answer(text: "Sleep in one window [1].")],
      openAI: [])
    let setup = try setup(kit)
    defer { TestDatabase.drop(setup.settings) }
    let draft = try run(setup)
    #expect(draft.problems == [] && draft.content == "Sleep in one window [1].")
    let retry = try #require(kit.requests(to: "anthropic").last)
    #expect(retry.bodyText.contains("cut off"))
  }

  @Test func anInventedPMIDIsFlaggedInTheVerdictAndProblems() throws {
    let kit = try LLMTestKit(
      anthropic: [.answer(text: "Naps help night workers (PMID: 99999999) [4].")], openAI: [])
    let setup = try setup(kit)
    defer { TestDatabase.drop(setup.settings) }
    let draft = try run(setup)
    #expect(draft.problems.contains { $0.contains("99999999") }, "\(draft.problems)")
    let verdict = try #require(draft.verdict)
    #expect(!verdict.citationsVerified)
    #expect(verdict.summary.contains("not found in the evidence"))
  }

  @Test func aCitationOfARealPMIDVerifies() throws {
    let kit = try LLMTestKit(
      anthropic: [.answer(text: "A fixed sleep window helps (PMID: 31978945) [3].")], openAI: [])
    let setup = try setup(kit)
    defer { TestDatabase.drop(setup.settings) }
    let draft = try run(setup)
    #expect(draft.problems == [])
    #expect(draft.verdict?.citationsVerified == true)
    #expect(draft.sources.contains { $0.kind == .pubmed && $0.id == "PMID:31978945" })
  }

  @Test func aRegenerationNoteFromTheDashboardReachesThePrompt() throws {
    let note = "Shorter please, and no statistics"
    let kit = try LLMTestKit(
      anthropic: [.answer(text: "Keep one sleep window [1]."), .answer(text: "Again [1].")],
      openAI: [])
    let setup = try setup(kit)
    defer { TestDatabase.drop(setup.settings) }
    // The message as the dashboard's regenerate-with-note queues it: id as text, plus the note.
    let message = TaskMessage(
      taskName: TaskName.generateDraft,
      kwargs: ["draft_id": .string(String(setup.draft.id)), "note": .string(note)])
    _ = try setup.task.run(message, context: TaskContext(attempt: 1, logger: Logger(level: .error)))
    let sent = try #require(kit.requests(to: "anthropic").first)
    #expect(sent.bodyText.contains(note))
    #expect(sent.bodyText.contains("asked for a new version"))
  }

  @Test func thePromptCarriesStyleEvidenceIdsLimitAndLanguage() throws {
    let request = DraftWritingRequest(
      topic: "sleep", platform: .twitter, language: "uk",
      styleSamples: GenerationComposerTests.samples,
      evidence: [Self.pubmedEvidence])
    let prompt = DraftPrompt.make(for: request)
    #expect(prompt.system.contains("Ukrainian") && prompt.system.contains("280"))
    #expect(prompt.user.contains("[1] id: PMID:31978945"))
    #expect(prompt.user.contains(GenerationComposerTests.samples[0].content.prefix(40)))
    #expect(!prompt.user.contains("asked for a new version"), "no note, no note section")
  }
}

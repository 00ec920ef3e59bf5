import Foundation
import Shared
import Testing

@testable import Backend

@Suite("Slack draft card")
struct DraftCardTests {
  static func draft(content: String, status: DraftStatus = .generated) -> Draft {
    Draft(
      id: 7, userId: 1, topic: String(repeating: "Long topic ", count: 30), platform: .telegram,
      status: status, version: 2, content: content,
      sources: [
        DraftSource(
          id: "PMID:1", kind: .pubmed, title: "Sleep <b>& health</b>",
          reference: "https://pubmed.ncbi.nlm.nih.gov/1/"),
        DraftSource(id: "kb-1", kind: .knowledge, title: "Guideline", reference: "guides/sleep.md"),
      ],
      verdict: FactCheckVerdict(
        knowledgeSourcesFound: 1, pubmedReached: false, pubmedArticlesFound: 0,
        citationsVerified: false, summary: "1 knowledge-base source; PubMed not consulted"),
      createdAt: Date(), updatedAt: Date())
  }

  /// Every text object in the blocks with the limit that applies to it.
  static func texts(_ value: JSONValue, limit: Int = BlockKit.sectionTextLimit) -> [(String, Int)] {
    switch value {
    case .array(let items): return items.flatMap { texts($0, limit: limit) }
    case .object(let fields):
      var found: [(String, Int)] = []
      let type = fields["type"]?.stringValue
      let own =
        type == "header"
        ? BlockKit.headerTextLimit
        : type == "button" ? BlockKit.buttonTextLimit : limit
      if type == "plain_text" || type == "mrkdwn", let text = fields["text"]?.stringValue {
        found.append((text, limit))
      }
      for (_, child) in fields { found += texts(child, limit: own) }
      return found
    default: return []
    }
  }

  @Test("a 5 000-character draft gives a valid card: every text object within Block Kit limits")
  func longDraftMakesValidCard() {
    let words = (0..<1200).map { "w\($0 % 10)rd" }.joined(separator: " ")
    let content = String(words.prefix(5000))
    #expect(content.count == 5000)
    let message = DraftCard(draft: Self.draft(content: content), text: SlackText(language: "en"))
      .message
    #expect(message.blocks.count <= BlockKit.messageBlockLimit)
    let texts = Self.texts(.array(message.blocks))
    #expect(!texts.isEmpty)
    for (text, limit) in texts {
      #expect(!text.isEmpty)
      #expect(text.unicodeScalars.count <= limit && text.utf16.count <= limit)
    }
    let sectionTexts = message.blocks.compactMap { $0["text"]?["text"]?.stringValue }
    let chunks = Mrkdwn.escapedChunks(content, limit: BlockKit.sectionTextLimit)
    #expect(chunks.count == 2, "the text is split across sections")
    #expect(chunks.allSatisfy { sectionTexts.contains($0) })
    #expect(chunks.joined() == content, "no text lost at the splits")
    let header = message.blocks.first?["text"]?["text"]?.stringValue ?? ""
    #expect(header.count <= BlockKit.headerTextLimit)
  }

  @Test("sections split as BR-05 computes: 2999, 3000 → 1; 3001 → 2; 7000 → 3; 9001 → 4")
  func splitCounts() {
    for (length, sections) in [(2999, 1), (3000, 1), (3001, 2), (7000, 3), (9001, 4)] {
      let chunks = Mrkdwn.escapedChunks(String(repeating: "a", count: length), limit: 3000)
      #expect(chunks.count == sections, "\(length) characters")
    }
    let emoji = Mrkdwn.escapedChunks(String(repeating: "😀", count: 2000), limit: 3000)
    #expect(emoji.allSatisfy { $0.utf16.count <= 3000 })
    #expect(emoji.count == 2)
  }

  @Test("mrkdwn in a draft is escaped so it cannot ping a channel or open a link")
  func mrkdwnIsEscaped() {
    let message = DraftCard(
      draft: Self.draft(content: "Hi <!channel> & <@U1> <https://x|y>"),
      text: SlackText(language: "en")
    ).message
    let all = "\(JSONValue.array(message.blocks))"
    #expect(all.contains("&lt;!channel&gt; &amp; &lt;@U1&gt;"))
    #expect(!all.contains("<!channel>"))
    #expect(
      all.contains("<https://pubmed.ncbi.nlm.nih.gov/1/|Sleep &lt;b&gt;&amp; health&lt;/b&gt;>"))
    #expect(all.contains("PubMed not consulted"), "the verdict says what was really checked")
    #expect(all.contains("of 4096"), "length against the platform limit")
  }

  @Test("a published card has no buttons; a generated one has all five")
  func buttonsFollowStatus() {
    let text = SlackText(language: "en")
    let ready = DraftCard(draft: Self.draft(content: "x"), text: text).message.blocks
    let ids = "\(JSONValue.array(ready))"
    for action in [
      "draft_publish", "draft_schedule", "draft_edit", "draft_regenerate", "draft_reject",
    ] {
      #expect(ids.contains(action))
    }
    let done = DraftCard(draft: Self.draft(content: "x", status: .published), text: text).message
    #expect(!"\(JSONValue.array(done.blocks))".contains("draft_"))
    #expect("\(JSONValue.array(done.blocks))".contains("Published."))
  }

  @Test("the Ukrainian texts are used when the post language is uk")
  func ukrainianCard() {
    let message = DraftCard(draft: Self.draft(content: "x"), text: SlackText(language: "uk"))
      .message
    #expect("\(JSONValue.array(message.blocks))".contains("Опублікувати"))
  }

  @Test("a card that failed to publish names each platform's error and those that succeeded")
  func publishFailedCardShowsEachPlatform() {
    var draft = Self.draft(content: "x", status: .publishFailed)
    draft.lastError = "X: 403 Forbidden"
    let results = [
      PlatformResult(platform: .telegram, state: .published(url: "https://t.me/sera_test/12")),
      PlatformResult(
        platform: .twitter, state: .failed("403 You are not permitted <to> post & more")),
      PlatformResult(platform: .threads, state: .unconfirmed),
    ]
    let english =
      "\(JSONValue.array(DraftCard(draft: draft, text: SlackText(language: "en"), results: results).message.blocks))"
    #expect(english.contains("Telegram: published <https://t.me/sera_test/12|↗>"))
    #expect(
      english.contains("X: not published — 403 You are not permitted &lt;to&gt; post &amp; more"))
    #expect(english.contains("Threads: not confirmed"))
    #expect(english.contains("only the platforms not yet published are retried"))
    #expect(
      !english.contains("was not published to Telegram"), "no line naming only draft.platform")

    let ukrainian =
      "\(JSONValue.array(DraftCard(draft: draft, text: SlackText(language: "uk"), results: results).message.blocks))"
    #expect(ukrainian.contains("Telegram: опубліковано"))
    #expect(ukrainian.contains("X: не опубліковано — 403"))
    #expect(ukrainian.contains("Threads: не підтверджено"))
  }

  @Test("with no attempt recorded, a failed card still says why: the draft's last error")
  func publishFailedCardWithoutAttemptsShowsTheReason() {
    var draft = Self.draft(content: "x", status: .publishFailed)
    draft.lastError = "the task queue was unreachable; publish again"
    let card =
      "\(JSONValue.array(DraftCard(draft: draft, text: SlackText(language: "en")).message.blocks))"
    #expect(card.contains("Reason: the task queue was unreachable; publish again"))
  }

  @Test("the card lists the draft's validation problems, escaped, as the dashboard does")
  func cardShowsValidationProblems() {
    var draft = Self.draft(content: "x")
    let clean =
      "\(JSONValue.array(DraftCard(draft: draft, text: SlackText(language: "en")).message.blocks))"
    #expect(!clean.contains("Problems found"))
    draft.problems = ["Text is 5200 characters; Telegram allows 4096", "Unsourced claim <!here>"]
    let message = DraftCard(draft: draft, text: SlackText(language: "en")).message
    let card = "\(JSONValue.array(message.blocks))"
    #expect(card.contains("*Problems found:*"))
    #expect(card.contains("• Text is 5200 characters; Telegram allows 4096"))
    #expect(card.contains("• Unsourced claim &lt;!here&gt;"))
    #expect(!card.contains("<!here>"))
    #expect(message.blocks.count <= BlockKit.messageBlockLimit)
    let ukrainian = DraftCard(draft: draft, text: SlackText(language: "uk")).message
    #expect("\(JSONValue.array(ukrainian.blocks))".contains("Знайдені проблеми"))
  }
}

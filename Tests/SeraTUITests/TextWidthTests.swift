import Testing

@testable import SeraTUI

@Suite("Text width and truncation")
struct TextWidthTests {
  init() { TextWidth.ensureUTF8Locale() }

  @Test(arguments: [
    ("en_US.UTF-8", true), ("en_US.utf8", true), ("uk_UA.UTF-8@euro", true), ("C.UTF-8", true),
    ("C", false), ("POSIX", false), ("", false), ("en_US.ISO-8859-1", false), ("utf8", false),
  ])
  func aLocaleNameAsksForUTF8ByItsCodeset(name: String, asksForUTF8: Bool) {
    #expect(TextWidth.namesUTF8(name) == asksForUTF8)
  }

  @Test func wideCharactersCountTwoColumnsAndCyrillicOne() {
    #expect(TextWidth.of("你好") == 4)
    #expect(TextWidth.of("Жизнь") == 5)
    #expect(TextWidth.of("e\u{301}") == 1)
  }

  @Test func truncationEndsWithEllipsisAndNeverExceedsTheWidth() {
    for title in Fixtures.wideTitles {
      let line = UntrustedText.line(title)
      for width in 1...30 {
        let cut = TextWidth.truncate(line, to: width)
        #expect(TextWidth.of(cut) <= width, "\(title) at \(width)")
        if TextWidth.of(line) > width { #expect(cut.hasSuffix("…")) }
      }
    }
  }

  @Test func truncationNeverSplitsAWideCharacter() {
    // "你好世界" is 8 columns; at 6 only two ideographs and the ellipsis fit (5 columns).
    #expect(TextWidth.truncate("你好世界", to: 6) == "你好…")
  }

  @Test func zwjAndVariationSelectorsAreDroppedSoWidthsAgree() {
    #expect(UntrustedText.line("🧑‍💻") == "🧑💻")
    #expect(UntrustedText.line("❤️") == "❤")
    #expect(UntrustedText.line("👍🏽") == "👍")
  }

  @Test func wrapKeepsEveryLineWithinTheWidth() {
    let lines = TextWidth.wrap("Жовтяниця 你好世界 " + String(repeating: "x", count: 50), to: 12)
    #expect(lines.count > 3)
    #expect(lines.allSatisfy { TextWidth.of($0) <= 12 })
  }
}

import Testing

@testable import SeraTUI

@Suite("Sanitising untrusted text")
struct UntrustedTextTests {
  /// The A.5 #2 strings.
  static let hostile = [
    "\u{1B}[2J", "\r", "\t", "\u{7}", "\u{202E}evil", "\u{2066}", "\u{200B}", "\u{00AD}",
  ]

  @Test(arguments: hostile)
  func controlAndBidiCharactersBecomeVisiblePlaceholders(_ raw: String) {
    let result = UntrustedText.sanitize("a" + raw + "b")
    #expect(result.hadHiddenCharacters)
    #expect(!result.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    let invisible: Set<UInt32> = [0x202E, 0x2066, 0x200B, 0x00AD]
    #expect(!result.text.unicodeScalars.contains { invisible.contains($0.value) })
    #expect(result.text.count > 2, "a placeholder is shown, not nothing")
  }

  @Test func escapeIsShownAsTheEscapePicture() {
    #expect(UntrustedText.line("\u{1B}[2J") == "␛[2J")
  }

  @Test func plainTextPassesUnchangedAndUnflagged() {
    let result = UntrustedText.sanitize("Жовтяниця у дітей 你好")
    #expect(result.text == "Жовтяниця у дітей 你好")
    #expect(!result.hadHiddenCharacters)
  }

  @Test func newlinesSurviveOnlyWhenAsked() {
    #expect(UntrustedText.sanitize("a\nb", keepNewlines: true).text == "a\nb")
    #expect(UntrustedText.line("a\nb") == "a␊b")
  }
}

import Foundation
import Shared
import Testing

@testable import SeraTUI

@Suite("One catalogue, English and Ukrainian")
struct CatalogueTests {
  @Test(arguments: [
    ("uk_UA.UTF-8", Language.ukrainian), ("en_US.utf8", .english), ("C", .english),
    ("", .english),
  ])
  func languageComesFromTheLocale(lang: String, expected: Language) {
    #expect(Language.from(environment: ["LANG": lang]) == expected)
  }

  @Test func lcAllWinsOverLang() {
    #expect(Language.from(environment: ["LC_ALL": "C", "LANG": "uk_UA.UTF-8"]) == .english)
  }

  @Test func langFlagAndConfigFilePickUkrainian() throws {
    #expect(try Options.parse(["--lang", "uk"], environment: [:]).language == .ukrainian)
    let fromFile = try Options.parse(
      [], environment: [:], configText: "language = uk\ntheme = light")
    #expect(fromFile.language == .ukrainian && fromFile.themeName == "light")
    #expect(
      try Options.parse([], environment: ["SERA_THEME": "monochrome"]).themeName == "monochrome")
    #expect(throws: Options.UsageError.self) {
      try Options.parse([], environment: [:], configText: "colour = red")
    }
  }

  @Test func theWholeScreenRendersInUkrainianAt80x24() {
    Catalogue.$language.withValue(.ukrainian) {
      let state = Fixtures.state(Fixtures.data(drafts: [Fixtures.draft(1, "Гіпертонія")]))
      let screen = DashboardView.render(state, width: 80, height: 24, now: Fixtures.epoch)
      #expect(screen.text.contains("Чернетки"))
      #expect(screen.text.contains("роль physician"))
      #expect(FooterView.text(for: state.gate).contains("q:вийти"))
      for row in 0..<24 { #expect(TextWidth.of(screen.rowText(row)) == 80) }
    }
  }

  @Test func everyKeyHasWordsInBothLanguages() {
    let english = KeyRegistry.bindings.map(\.help)
    let ukrainian = Catalogue.$language.withValue(.ukrainian) { KeyRegistry.bindings.map(\.help) }
    for (en, uk) in zip(english, ukrainian) {
      #expect(!en.isEmpty && !uk.isEmpty)
      #expect(en != uk, "untranslated: \(en)")
    }
  }
}

import Foundation
import Shared
import Testing

@testable import SeraTUI

/// Table A.5 scenarios that the virtual screen can judge: ASCII glyphs (#8, #20), the resize
/// storm with a dialog open (#3), theme pairs (#5) and accidental destructive keys (#11).
@Suite("A.5 terminal scenarios on the virtual screen")
struct TerminalScenarioTests {
  static func render(_ state: DashboardState, _ width: Int = 80, _ height: Int = 24)
    -> ScreenBuffer
  {
    DashboardView.render(
      state, width: width, height: height, now: Fixtures.epoch.addingTimeInterval(3))
  }

  // MARK: A.5 #8 and #20: locale and terminal decide the glyph set; ASCII frames keep the layout.

  @Test(arguments: [
    ("UTF-8", "xterm-256color", GlyphSet.unicode),
    ("utf8", "tmux-256color", .unicode),
    ("UTF-8", "screen-256color", .unicode),
    ("ANSI_X3.4-1968", "xterm-256color", .ascii),  // LANG unset or LC_ALL=C
    ("ISO-8859-1", "xterm", .ascii),
    ("UTF-8", "vt100", .ascii),
    ("UTF-8", "linux", .ascii),
    ("UTF-8", "linux-16color", .ascii),
  ])
  func glyphSetFollowsTheLocaleCodesetAndTheTerminalType(
    codeset: String, term: String, expected: GlyphSet
  ) {
    #expect(GlyphSet.choose(codeset: codeset, term: term) == expected)
  }

  @Test func seraGlyphsOverridesTheChoice() {
    #expect(GlyphSet.choose(codeset: "UTF-8", term: "xterm", override: "ascii") == .ascii)
    #expect(GlyphSet.choose(codeset: "C", term: "vt100", override: "unicode") == .unicode)
    #expect(GlyphSet.choose(codeset: "C", term: "xterm", override: "bogus") == .ascii)
  }

  /// Every panel with wide titles, a hostile body and sparklines, drawn in ASCII at 80x24.
  @Test func asciiFrameHasOnlyPrintableASCIIAndTheSameLayout() {
    let drafts = Fixtures.wideTitles.enumerated().map { Fixtures.draft(Int64($0 + 1), $1) }
    var data = Fixtures.data(drafts: drafts)
    var hostile = drafts[1]
    hostile.content = "body \u{1B}[2J \u{7} \u{202E}evil 你好"
    data.detail.succeed(DraftDetail(draft: hostile, events: []), at: Fixtures.epoch)
    var state = Fixtures.state(data)
    _ = state.handle(.down)
    _ = state.apply(data)
    let unicode = Self.render(state)
    let ascii = unicode.inASCII()
    for row in 0..<24 {
      let text = ascii.rowText(row)
      #expect(
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F },
        "row \(row): \(text)")
      #expect(text.unicodeScalars.count == 80, "row \(row) is not 80 cells: \(text)")
    }
    // Borders in the same columns, as ASCII.
    let layout = Layout(width: 80, height: 24)
    let top = layout.drafts.row
    let bottom = top + layout.drafts.height - 1
    for row in top...bottom {
      let expected = (row == top || row == bottom) ? "+" : "|"
      #expect(ascii.cell(row: row, column: 79).text == expected, "row \(row)")
      #expect(ascii.cell(row: row, column: 0).text == expected, "row \(row)")
      #expect(unicode.cell(row: row, column: 79).text != expected)
    }
    #expect(ascii.rowText(top).hasPrefix("+- Drafts"), "\(ascii.rowText(top))")
    // Truncation keeps a visible mark; wide letters keep their two columns as "??".
    #expect(ascii.text.contains("~"))
    #expect(ascii.text.contains("????????"))  // 你好世界
  }

  @Test func asciiSparklinesUseOnlyPrintableASCIIAndKeepTheirLength() {
    var ops = Fixtures.ops(depth: 150)
    ops.history = (0..<8).map {
      OpsSample(
        at: Fixtures.epoch, queueDepth: $0 * 20, failureRate: 0, p95Seconds: nil,
        llmCostTodayUSD: 0, llmErrorRate: 0)
    }
    var data = Fixtures.data(drafts: [])
    data.ops.succeed(ops, at: Fixtures.epoch)
    var state = Fixtures.state(data)
    _ = state.handle(.character("o"))
    let unicode = Self.render(state)
    let ascii = unicode.inASCII()
    guard let row = (0..<24).first(where: { unicode.rowText($0).contains("▁▂▃▄▅▆▇█") }) else {
      Issue.record("no sparkline drawn:\n\(unicode.text)")
      return
    }
    #expect(ascii.rowText(row).contains("_.:-=+*#"), "\(ascii.rowText(row))")
    #expect(ascii.rowText(row).contains("ALERT"))
    #expect(ascii.rowText(row).unicodeScalars.count == 80)
  }

  @Test func asciiProgressBarAndStatusWordsStayReadable() {
    var data = Fixtures.data(drafts: [Fixtures.draft(1, "a")])
    data.reindex = ReindexProgress(
      state: .running, documentsDone: 5, documentsTotal: 10, chunksDone: 100, chunksTotal: 200,
      startedAt: Fixtures.epoch, updatedAt: Fixtures.epoch.addingTimeInterval(10))
    data.health.succeed(
      [ServiceHealth(name: "worker", state: .down, latencyMs: nil, checkedAt: Fixtures.epoch)],
      at: Fixtures.epoch)
    let ascii = Self.render(Fixtures.state(data)).inASCII().text
    #expect(ascii.contains("[####"))
    #expect(ascii.contains("50%"))
    #expect(ascii.contains("worker    DOWN"))
  }

  // MARK: A.5 #3: resize storm with the publish confirmation open.

  @Test func resizeStormKeepsTheDialogAndTheSelection() {
    let drafts = (1...5).map { Fixtures.draft(Int64($0), "Тема \($0)", status: .approved) }
    var state = Fixtures.state(Fixtures.data(drafts: drafts))
    _ = state.handle(.down)
    _ = state.handle(.down)
    let selected = state.selectedId
    _ = state.handle(.character("p"))
    _ = state.handle(.enter)
    guard case .confirm(let action) = state.modal else {
      Issue.record("publish confirmation not open")
      return
    }
    var progress = ReindexProgress(
      state: .running, documentsDone: 0, documentsTotal: 10, chunksDone: 0, chunksTotal: 100,
      startedAt: Fixtures.epoch, updatedAt: Fixtures.epoch)
    for (step, size) in [(80, 24), (20, 5), (1, 1), (200, 60), (79, 23), (0, 0), (80, 24)]
      .enumerated()
    {
      progress.chunksDone = step * 10  // reindex progress keeps arriving during the storm
      var data = state.data
      data.reindex = progress
      _ = state.apply(data)
      let screen = Self.render(state, size.0, size.1)
      #expect(screen.width == size.0 && screen.height == size.1)
      let fits = Layout(width: size.0, height: size.1).fits
      if !fits, size.0 >= 40 {
        #expect(screen.text.contains("need 80x24, have \(size.0)x\(size.1)"))
      }
      if fits {
        #expect(screen.text.contains("[ Cancel ]"), "dialog lost at \(size)")
        #expect(screen.text.contains("#\(selected ?? 0)"))
      }
    }
    #expect(state.selectedId == selected)
    #expect(state.modal == .confirm(action))
  }

  // MARK: A.5 #5: every shipped theme keeps the selection visible without colour.

  static let themeDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("themes")

  @Test(arguments: ["default", "light", "high-contrast", "monochrome"])
  func shippedThemeHasNoInvisiblePairAndAnAttributeForTheSelection(name: String) throws {
    let text = try String(
      contentsOf: Self.themeDirectory.appendingPathComponent(name + ".theme"), encoding: .utf8)
    let theme = try Theme.parse(text, name: name)
    for style in Style.allCases {
      let look = theme.look(style)
      #expect(
        look.foreground < 0 || look.foreground != look.background,
        "\(name): \(style) has the same foreground and background")
    }
    for themed in [theme, theme.monochrome] {
      let selected = themed.look(.selected)
      #expect(selected.reverse || selected.bold, "\(name): selection shown by colour alone")
    }
    #expect(theme.monochrome.looks.values.allSatisfy { $0.foreground < 0 && $0.background < 0 })
  }

  // MARK: A.5 #11: typing into inputs and Backspace/Delete never trigger an action.

  @Test func searchBoxTypingAndDeletionKeysTriggerNothing() {
    var state = Fixtures.state(
      Fixtures.data(drafts: [Fixtures.draft(7, "Publish post", status: .approved)]))
    _ = state.handle(.character("/"))
    for character in "Publish post" {
      #expect(state.handle(.character(character)).isEmpty)
    }
    for key in [Key.backspace, .delete, .character("p"), .character("y"), .character("a")] {
      #expect(state.handle(key).isEmpty)
    }
    guard case .input = state.modal else {
      Issue.record("the search box closed while typing")
      return
    }
    _ = state.handle(.escape)
    // In the main view and in every dialog Backspace and Delete change nothing.
    for opener in [Key.character("p"), .character("r"), .character("?"), .character("n")] {
      _ = state.handle(opener)
      for _ in 0..<5 {
        #expect(
          !state.handle(.backspace).contains { if case .perform = $0 { true } else { false } })
        #expect(!state.handle(.delete).contains { if case .perform = $0 { true } else { false } })
      }
      _ = state.handle(.escape)
      _ = state.handle(.escape)
    }
  }

  // MARK: A.5 #18: the hardware cursor rests on the focus after every frame.

  @Test func cursorRestsAtColumnZeroOfTheSelectedDraftRow() {
    let drafts = (1...5).map { Fixtures.draft(Int64($0), "topic \($0)") }
    var state = Fixtures.state(Fixtures.data(drafts: drafts))
    for _ in 0..<3 {
      let screen = Self.render(state)
      let cursor = screen.cursor
      #expect(cursor?.column == 0)
      let row = cursor.map { screen.rowText($0.row) } ?? ""
      #expect(row.contains("#\(state.selectedId ?? -1) "), "cursor row: \(row)")
      _ = state.handle(.down)
    }
  }

  @Test func cursorRestsOnTheFocusedLineOfADialog() {
    var state = Fixtures.state(
      Fixtures.data(drafts: [Fixtures.draft(7, "sleep", status: .approved)]))
    _ = state.handle(.character("n"))
    _ = state.handle(.tab)
    var screen = Self.render(state)
    var row = screen.cursor.map { screen.rowText($0.row) } ?? ""
    #expect(row.contains("> "), "cursor row: \(row)")
    #expect(screen.cursor.map { screen.cell(row: $0.row, column: $0.column).text } == ">")
    _ = state.handle(.escape)
    _ = state.handle(.character("p"))
    _ = state.handle(.enter)
    screen = Self.render(state)
    row = screen.cursor.map { screen.rowText($0.row) } ?? ""
    #expect(row.contains(Strings.Dialog.confirmButtons), "cursor row: \(row)")
  }
}

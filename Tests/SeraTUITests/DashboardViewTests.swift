import Foundation
import Shared
import Testing

@testable import SeraTUI

@Suite("Dashboard rendered to a virtual screen")
struct DashboardViewTests {
  static func render(_ state: DashboardState, _ width: Int = 80, _ height: Int = 24) -> ScreenBuffer
  {
    DashboardView.render(
      state, width: width, height: height, now: Fixtures.epoch.addingTimeInterval(3))
  }

  @Test func wideTitlesKeepTheRightBorderInColumn79() {
    let drafts = Fixtures.wideTitles.enumerated().map { Fixtures.draft(Int64($0 + 1), $1) }
    var data = Fixtures.data(drafts: drafts)
    data.detail.succeed(
      DraftDetail(draft: drafts[2], events: []), at: Fixtures.epoch)
    var state = Fixtures.state(data)
    _ = state.handle(.down)
    _ = state.handle(.down)
    _ = state.apply(data)
    let screen = Self.render(state)
    let layout = Layout(width: 80, height: 24)
    for row in layout.drafts.row..<(layout.drafts.row + layout.drafts.height) {
      #expect(
        screen.cell(row: row, column: 79).text
          == (row == layout.drafts.row
            ? "┐"
            : row
              == layout.drafts.row + layout.drafts.height - 1 ? "┘" : "│"),
        "row \(row): \(screen.rowText(row))")
      let listRight = layout.drafts.width - 1
      #expect(["│", "┐", "┘"].contains(screen.cell(row: row, column: listRight).text))
      #expect(TextWidth.of(screen.rowText(row)) == 80)
    }
    #expect(screen.text.contains("Жовтяниця у…"))
    #expect(screen.text.contains("…"))
  }

  @Test func mainScreenAt80x24HasEveryPanelAndTheFooter() {
    let state = Fixtures.state(Fixtures.data(drafts: [Fixtures.draft(1, "Гіпертонія")]))
    let screen = Self.render(state)
    let text = screen.text
    for word in [
      "Sera", "role physician", "updated 3s ago", "Health", "Ops", "Drafts", "Detail",
      "backend   UP", "Queue", "p:publish", "q:quit",
    ] {
      #expect(text.contains(word), "missing \(word)")
    }
    #expect(screen.rowText(23).hasPrefix("Tab:pane"))
  }

  @Test func largerScreensGiveTheDetailPaneMoreRoom() {
    let state = Fixtures.state(Fixtures.data(drafts: [Fixtures.draft(1, "a")]))
    let small = Layout(width: 80, height: 24).detail
    let large = Layout(width: 120, height: 40).detail
    #expect(large.width > small.width && large.height > small.height)
    #expect(Self.render(state, 120, 40).rowText(39).hasPrefix("Tab:pane"))
  }

  @Test(arguments: [(79, 24), (80, 23), (20, 5), (1, 1)])
  func tooSmallScreenSaysWhatItNeeds(width: Int, height: Int) {
    let state = Fixtures.state(Fixtures.data(drafts: []))
    let text = Self.render(state, width, height).text.replacingOccurrences(of: "\n", with: "")
    if width >= 40 {
      #expect(text.contains("terminal too small: need 80x24, have \(width)x\(height)"))
    } else {
      #expect(text.hasPrefix(String("terminal too small".prefix(width * height))))
    }
  }

  @Test func staleAfterThreeMissedRefreshes() {
    var data = Fixtures.data(drafts: [Fixtures.draft(1, "a")])
    var state = Fixtures.state(data)
    for miss in 1...3 {
      data.ops.fail("backend unreachable: timeout")
      _ = state.apply(data)
      let text = Self.render(state).text
      #expect(text.contains("STALE") == (miss >= 3), "after \(miss) misses")
    }
    data.ops.succeed(Fixtures.ops(), at: Fixtures.epoch)
    _ = state.apply(data)
    #expect(!Self.render(state).text.contains("STALE"))
  }

  @Test func queueOverThresholdRaisesTheRunbookBanner() {
    var data = Fixtures.data(drafts: [])
    data.ops.succeed(Fixtures.ops(depth: 150, failureRate: 0.2), at: Fixtures.epoch)
    let screen = Self.render(Fixtures.state(data))
    #expect(screen.rowText(2).contains("runbook: restart the worker (check: sera tasks)"))
    #expect(screen.text.contains("ALERT"))
    #expect(AlertRules.current(data).count == 2)
  }

  @Test func hostileDraftBodyShowsPlaceholdersAndTheBadge() {
    var draft = Fixtures.draft(1, "x\u{1B}[2J")
    draft.content = "safe \u{1B}[2J \u{7} \u{202E}evil"
    var data = Fixtures.data(drafts: [draft])
    data.detail.succeed(DraftDetail(draft: draft, events: []), at: Fixtures.epoch)
    let screen = Self.render(Fixtures.state(data))
    #expect(screen.text.contains("[hidden/bidi characters present]"))
    #expect(screen.text.contains("␛[2J"))
    #expect(!screen.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
  }
}

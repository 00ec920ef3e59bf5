import Shared
import Testing

@testable import SeraTUI

@Suite("Selection follows the draft id")
struct SelectionTests {
  @Test func reorderingRefreshKeepsTheSameDraftSelected() {
    let drafts = [Fixtures.draft(3, "c"), Fixtures.draft(2, "b"), Fixtures.draft(1, "a")]
    var state = Fixtures.state(Fixtures.data(drafts: drafts))
    _ = state.handle(.down)
    #expect(state.selectedId == 2)
    let reordered = [Fixtures.draft(5, "new"), Fixtures.draft(4, "newer")] + drafts.reversed()
    #expect(state.apply(Fixtures.data(drafts: reordered)).isEmpty)
    #expect(state.selectedId == 2)
    #expect(state.selectedIndex == 3)
    let screen = DashboardView.render(state, width: 80, height: 24, now: Fixtures.epoch)
    let row = (0..<24).first { screen.cell(row: $0, column: 1).style == .selected }
    #expect(row.map { screen.rowText($0).contains("#2") } == true)
  }

  @Test func aVanishedDraftHandsTheCursorToItsNeighbourNotTheTop() {
    let drafts = (1...5).map { Fixtures.draft(Int64($0), "d\($0)") }
    var state = Fixtures.state(Fixtures.data(drafts: drafts))
    _ = state.handle(.down)
    _ = state.handle(.down)
    #expect(state.selectedId == 3)
    let effects = state.apply(Fixtures.data(drafts: drafts.filter { $0.id != 3 }))
    #expect(effects == [.select(4)])
  }

  @Test func aCreatedDraftBecomesTheSelection() {
    var data = Fixtures.data(drafts: [Fixtures.draft(9, "new"), Fixtures.draft(1, "old")])
    var state = Fixtures.state(data)
    _ = state.handle(.down)
    data.outcome = ActionOutcome(sequence: 1, message: "done", isError: false, createdDraftId: 9)
    let effects = state.apply(data)
    #expect(state.selectedId == 9)
    #expect(state.status == "done")
    // The client fetches the detail of the selection only when told of it.
    #expect(effects == [.select(9)])
  }
}

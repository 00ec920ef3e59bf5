import Foundation
import Shared
import Testing

@testable import SeraTUI

@Suite("Review flow: filters, search, next/previous, the new actions")
struct ReviewFlowTests {
  static func state() -> DashboardState {
    Fixtures.state(
      Fixtures.data(drafts: [
        Fixtures.draft(3, "Statins", status: .generated),
        Fixtures.draft(2, "Sleep hygiene", status: .failed),
        Fixtures.draft(1, "Vaccines", status: .approved),
      ]))
  }

  @Test func filterCyclesStatusesAndEscClearsIt() {
    var state = Self.state()
    _ = state.handle(.character("f"))
    #expect(state.statusFilter == .pending)
    while state.statusFilter != .failed { _ = state.handle(.character("f")) }
    #expect(state.drafts.map(\.id) == [2])
    #expect(state.selectedId == 2)
    _ = state.handle(.escape)
    #expect(state.drafts.count == 3)
    #expect(state.selectedId == 2, "the selection stays on the same draft")
  }

  @Test func searchTypesIntoAnInputAndFiltersOnEnter() {
    var state = Self.state()
    _ = state.handle(.character("/"))
    for character in "sleep" { #expect(state.handle(.character(character)).isEmpty) }
    _ = state.handle(.enter)
    #expect(state.drafts.map(\.id) == [2])
    #expect(
      DashboardView.render(state, width: 80, height: 24, now: Fixtures.epoch).text
        .contains("/sleep"))
  }

  @Test func capitalJAndKStepThroughDraftsFromTheDetailPane() {
    var state = Self.state()
    _ = state.handle(.tab)
    #expect(state.handle(.character("J")) == [.select(2)])
    #expect(state.handle(.character("K")) == [.select(3)])
    #expect(state.focus == .detail)
  }

  @Test func editOpensTheEditorAndItsTextIsSentAsAnEdit() {
    var state = Self.state()
    #expect(
      state.handle(.character("e")) == [.openEditor(draftId: 3, version: 2, text: "Text of 3")])
    #expect(
      state.finishEdit(draftId: 3, version: 2, text: "New text")
        == [.perform(.edit(draftId: 3, version: 2, content: "New text"))])
    #expect(state.finishEdit(draftId: 3, version: 2, text: nil).isEmpty)
  }

  @Test func regenerateAsksForANote() {
    var state = Self.state()
    _ = state.handle(.character("w"))
    #expect(state.handle(.enter).isEmpty, "an empty note is refused")
    for character in "shorter" { _ = state.handle(.character(character)) }
    #expect(
      state.handle(.enter) == [.perform(.regenerate(draftId: 3, version: 2, note: "shorter"))])
  }

  @Test func retryIsOnlyForFailedDrafts() {
    var state = Self.state()
    #expect(state.handle(.character("F")).isEmpty)
    #expect(state.statusIsError)
    _ = state.handle(.down)
    #expect(state.handle(.character("F")) == [.perform(.retry(draftId: 2, version: 2))])
  }

  @Test func publishingToTwoPlatformsNamesBothAndNeedsY() {
    var state = Self.state()
    _ = state.handle(.end)
    _ = state.handle(.character("p"))
    _ = state.handle(.character("x"))
    _ = state.handle(.enter)
    let action = Action.publish(
      draftId: 1, version: 2, platforms: [.telegram, .twitter], topic: "Vaccines")
    #expect(state.modal == .confirm(action))
    #expect(state.handle(.character("y")) == [.perform(action)])
  }

  @Test func scheduleRefusesThePastAndTakesRelativeTimes() {
    var state = Self.state()
    _ = state.handle(.end)
    _ = state.handle(.character("s"))
    _ = state.handle(.enter)
    for character in "2001-01-01 10:00" { _ = state.handle(.character(character)) }
    #expect(state.handle(.enter).isEmpty)
    #expect(state.statusIsError)
    let now = Date()
    #expect(ScheduleTime.parse("+2h", now: now) == now.addingTimeInterval(7200))
    #expect(ScheduleTime.parse("-2h", now: now) == nil)
  }

  @Test func approveAdvancesToTheNextDraft() {
    var state = Self.state()
    #expect(
      state.handle(.character("a")) == [.perform(.approve(draftId: 3, version: 2)), .select(2)])
  }
}

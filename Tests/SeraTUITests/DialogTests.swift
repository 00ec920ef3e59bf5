import Shared
import Testing

@testable import SeraTUI

@Suite("Dialogs and the confirmation path")
struct DialogTests {
  static func approvedState() -> DashboardState {
    Fixtures.state(Fixtures.data(drafts: [Fixtures.draft(7, "Вакцинація", status: .approved)]))
  }

  @Test func publishAsksFirstAndOnlyYConfirms() {
    var state = Self.approvedState()
    #expect(state.handle(.character("p")).isEmpty)
    #expect(state.handle(.enter).isEmpty)  // the platform picker, with the draft's own ticked
    let action = Action.publish(
      draftId: 7, version: 2, platforms: [.telegram], topic: "Вакцинація")
    #expect(state.modal == .confirm(action))
    #expect(state.handle(.character("y")) == [.perform(action)])
    #expect(state.modal == nil)
    // A burst of further y presses reaches the main view, where y is bound to nothing.
    for _ in 0..<50 { #expect(state.handle(.character("y")).isEmpty) }
  }

  @Test(arguments: [Key.enter, .escape, .character("n"), .character("p")])
  func anyOtherKeyCancelsTheConfirmation(_ key: Key) {
    var state = Self.approvedState()
    _ = state.handle(.character("p"))
    _ = state.handle(.enter)
    #expect(state.handle(key).isEmpty)
    #expect(state.modal == nil)
  }

  @Test func theConfirmationNamesTheDraftAndPlatforms() {
    var state = Self.approvedState()
    _ = state.handle(.character("p"))
    _ = state.handle(.character("h"))
    _ = state.handle(.enter)
    let screen = DashboardView.render(state, width: 80, height: 24, now: Fixtures.epoch).text
    #expect(screen.contains("#7"))
    #expect(screen.contains("Вакцинація"))
    #expect(screen.contains("Telegram, Threads"))
    #expect(screen.contains("[ Cancel ]"))
  }

  @Test func typingInTheFormNeverTriggersActions() {
    var state = Self.approvedState()
    _ = state.handle(.character("n"))
    for character in "Publish approve reject quit" {
      #expect(state.handle(.character(character)).isEmpty)
    }
    _ = state.handle(.enter)
    _ = state.handle(.character("x"))
    _ = state.handle(.enter)
    for character in "https://e.org/a" { #expect(state.handle(.character(character)).isEmpty) }
    let effects = state.handle(.enter)
    #expect(
      effects == [
        .perform(
          .create(
            topic: "Publish approve reject quit", platform: .twitter, sourceURL: "https://e.org/a"))
      ])
  }

  @Test func tabCyclesPlatformsAndEscCancels() {
    var state = Self.approvedState()
    _ = state.handle(.character("n"))
    for character in "Topic" { _ = state.handle(.character(character)) }
    _ = state.handle(.tab)
    _ = state.handle(.right)
    guard case .newDraft(let form) = state.modal else {
      Issue.record("form closed")
      return
    }
    #expect(form.platform == .twitter)
    #expect(state.handle(.escape).isEmpty)
    #expect(state.modal == nil)
  }

  @Test func rejectNeedsAReason() {
    var state = Self.approvedState()
    _ = state.handle(.character("r"))
    #expect(state.handle(.enter).isEmpty)
    #expect(state.statusIsError)
    for character in "outdated" { _ = state.handle(.character(character)) }
    #expect(state.handle(.enter) == [.perform(.reject(draftId: 7, version: 2, reason: "outdated"))])
  }

  @Test func theReindexConfirmationSaysHowMuchTheLastRunRead() {
    var data = Fixtures.data(drafts: [], role: .operator)
    var state = Fixtures.state(data)
    _ = state.handle(.character("R"))
    var text = DashboardView.render(state, width: 100, height: 30, now: Fixtures.epoch).text
    #expect(text.contains("knowledge-base index"), "\(text)")
    #expect(!text.contains("documents ("), "no run yet, yet a size was shown:\n\(text)")

    data.reindex = ReindexProgress(
      state: .done, documentsDone: 42, documentsTotal: 42, chunksDone: 310, chunksTotal: 310)
    _ = state.apply(data)
    text = DashboardView.render(state, width: 100, height: 30, now: Fixtures.epoch).text
    #expect(text.contains("About 42 documents (310 chunks)"), "\(text)")
  }
}

@Suite("Taking a post out of the style samples")
struct ForgetStyleTests {
  static func state(_ status: DraftStatus, role: Role) -> DashboardState {
    Fixtures.state(
      Fixtures.data(drafts: [Fixtures.draft(9, "Грип", status: status)], role: role))
  }

  @Test func anOperatorIsAskedFirstAndTheQuestionSaysWhatHappens() {
    var state = Self.state(.published, role: .operator)
    #expect(state.handle(.character("X")).isEmpty)
    #expect(state.modal == .confirm(.forgetStyle(draftId: 9)))
    let screen = DashboardView.render(state, width: 80, height: 24, now: Fixtures.epoch).text
    #expect(screen.contains("#9"))
    #expect(screen.contains("style samples"))
    #expect(state.handle(.character("y")).first == .perform(.forgetStyle(draftId: 9)))
  }

  @Test func onlyOperatorsAndOnlyForPublishedDrafts() {
    var physician = Self.state(.published, role: .physician)
    #expect(physician.handle(.character("X")).isEmpty)
    #expect(physician.modal == nil)
    var draft = Self.state(.generated, role: .operator)
    #expect(draft.handle(.character("X")).isEmpty)
    #expect(draft.modal == nil)
    var readOnly = Fixtures.state(
      Fixtures.data(drafts: [Fixtures.draft(9, "Грип", status: .published)], role: .operator),
      readOnly: true)
    #expect(readOnly.handle(.character("X")).isEmpty)
    #expect(readOnly.modal == nil)
  }
}

import Shared
import Testing

@testable import SeraTUI

@Suite("Key registry and access gate")
struct KeyRegistryTests {
  static let mutating = KeyRegistry.bindings.filter(\.isMutating)

  @Test func everyKeyIsBoundOnce() {
    let keys = KeyRegistry.bindings.flatMap(\.keys)
    #expect(Set(keys).count == keys.count)
  }

  @Test func everyActionKindHasAMutatingBindingAndNothingElseMutates() {
    #expect(
      Set(Self.mutating.map(\.command)) == [
        .newDraft, .approve, .reject, .edit, .regenerate, .schedule, .publish, .retry,
        .forgetStyle, .reindex, .requeueDead,
      ])
  }

  @Test(arguments: [(true, Role.operator), (false, Role.oncall)])
  func mutatingActionsAreRefusedAndHidden(readOnly: Bool, role: Role) {
    let gate = AccessGate(readOnly: readOnly, role: role)
    let help = DialogView.helpLines(for: gate).joined(separator: "\n")
    let footer = FooterView.text(for: gate)
    for binding in Self.mutating {
      #expect(gate.refusal(for: binding) != nil)
      #expect(!help.contains(binding.help))
      #expect(!footer.contains(":" + binding.label))
    }
  }

  @Test(arguments: [(true, Role.operator), (false, Role.oncall)])
  func pressingAMutatingKeySendsNothingAndSaysWhy(readOnly: Bool, role: Role) {
    let data = Fixtures.data(drafts: [Fixtures.draft(1, "a", status: .approved)], role: role)
    for binding in Self.mutating {
      var state = Fixtures.state(data, readOnly: readOnly)
      let effects = state.handle(binding.keys[0])
      #expect(effects.isEmpty)
      #expect(state.modal == nil)
      #expect(state.statusIsError)
    }
  }

  @Test func operatorFooterFitsEightyColumns() {
    let footer = FooterView.text(for: AccessGate(readOnly: false, role: .operator))
    #expect(footer.contains("p:publish") && footer.hasSuffix("q:quit"))
    #expect(TextWidth.of(footer) <= 80)
  }

  @Test func reindexIsOperatorOnly() {
    let reindex = KeyRegistry.binding(for: .reindex)
    #expect(AccessGate(readOnly: false, role: .physician).refusal(for: reindex) != nil)
    #expect(AccessGate(readOnly: false, role: .operator).refusal(for: reindex) == nil)
  }

  @Test func eachKeyDispatchesItsCommand() {
    let drafts = [Fixtures.draft(1, "one"), Fixtures.draft(2, "two", status: .approved)]
    let base = Fixtures.state(Fixtures.data(drafts: drafts, role: .operator))
    var state = base
    #expect(state.handle(.character("j")) == [.select(2)])
    #expect(state.handle(.up) == [.select(1)])
    #expect(
      state.handle(.character("a")) == [.perform(.approve(draftId: 1, version: 2)), .select(2)])
    state = base
    _ = state.handle(.character("r"))
    #expect(state.modal == .input(TextPrompt(.rejectReason(draftId: 1, version: 2))))
    state = base
    _ = state.handle(.character("R"))
    #expect(state.modal == .confirm(.reindex))
    state = base
    _ = state.handle(.character("n"))
    #expect(state.modal == .newDraft(DraftForm()))
    state = base
    #expect(state.handle(.character("g")) == [.refreshNow])
    #expect(state.handle(.character("q")) == [.quit])
    _ = state.handle(.character("?"))
    #expect(state.modal == .help)
    state = base
    _ = state.handle(.tab)
    #expect(state.focus == .detail)
  }

  @Test func escapeAndStrayKeysDoNothingInTheMainView() {
    var state = Fixtures.state(Fixtures.data(drafts: [Fixtures.draft(1, "one", status: .approved)]))
    for key in [Key.escape, .backspace, .delete, .character("y"), .enter] {
      // Esc only clears the search and filter; nothing it does can change data.
      #expect(state.handle(key).isEmpty)
      #expect(state.modal == nil)
    }
  }
}

/// One entry of the key registry: which keys, what they do, who may use them.
public struct KeyBinding: Sendable {
  public var keys: [Key]
  /// Short word for the footer.
  public var label: String
  /// One sentence for the help screen.
  public var help: String
  public var command: Command
  public var audience: Audience
  /// True when the command changes data on the server.
  public var isMutating: Bool
  /// False for keys everyone knows (movement), which only the help screen lists, so the footer
  /// fits 80 columns.
  public var inFooter = true
}

/// The one registry of main-view keys: dispatch, the footer and the `?` screen all read it.
public enum KeyRegistry {
  /// Every binding, in the order the footer and help list them.
  public static let bindings: [KeyBinding] = {
    let text = Strings.Keys.self
    return [
      KeyBinding(
        keys: [.character("j"), .down], label: text.down, help: text.downHelp,
        command: .moveDown, audience: .everyone, isMutating: false, inFooter: false),
      KeyBinding(
        keys: [.character("k"), .up], label: text.up, help: text.upHelp,
        command: .moveUp, audience: .everyone, isMutating: false, inFooter: false),
      KeyBinding(
        keys: [.pageDown], label: text.pageDown, help: text.pageDownHelp,
        command: .pageDown, audience: .everyone, isMutating: false, inFooter: false),
      KeyBinding(
        keys: [.pageUp], label: text.pageUp, help: text.pageUpHelp,
        command: .pageUp, audience: .everyone, isMutating: false, inFooter: false),
      KeyBinding(
        keys: [.tab, .backTab], label: text.pane, help: text.paneHelp,
        command: .switchPane, audience: .everyone, isMutating: false),
      KeyBinding(
        keys: [.character("n")], label: text.new, help: text.newHelp,
        command: .newDraft, audience: .draftEditors, isMutating: true),
      KeyBinding(
        keys: [.character("a")], label: text.approve, help: text.approveHelp,
        command: .approve, audience: .draftEditors, isMutating: true),
      KeyBinding(
        keys: [.character("r")], label: text.reject, help: text.rejectHelp,
        command: .reject, audience: .draftEditors, isMutating: true),
      KeyBinding(
        keys: [.character("p")], label: text.publish, help: text.publishHelp,
        command: .publish, audience: .draftEditors, isMutating: true),
      KeyBinding(
        keys: [.character("R")], label: text.reindex, help: text.reindexHelp,
        command: .reindex, audience: .operators, isMutating: true),
      KeyBinding(
        keys: [.character("g")], label: text.refresh, help: text.refreshHelp,
        command: .refresh, audience: .everyone, isMutating: false),
      KeyBinding(
        keys: [.character("?")], label: text.help, help: text.helpHelp,
        command: .help, audience: .everyone, isMutating: false),
      KeyBinding(
        keys: [.character("q")], label: text.quit, help: text.quitHelp,
        command: .quit, audience: .everyone, isMutating: false),
    ]
  }()

  /// The binding a key triggers in the main view, if any.
  public static func binding(for key: Key) -> KeyBinding? {
    bindings.first { $0.keys.contains(key) }
  }

  /// The binding of a command.
  public static func binding(for command: Command) -> KeyBinding {
    bindings.first { $0.command == command }!
  }

  /// The bindings a gate lets through, for the footer and help.
  public static func visible(under gate: AccessGate) -> [KeyBinding] {
    bindings.filter { gate.refusal(for: $0) == nil }
  }

  /// "j/↓" style text of a binding's keys.
  public static func keyText(_ binding: KeyBinding) -> String {
    binding.keys.map(\.label).joined(separator: "/")
  }
}

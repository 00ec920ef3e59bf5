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
  public static var bindings: [KeyBinding] {
    let text = Strings.Keys.self
    func bind(
      _ keys: [Key], _ label: String, _ help: String, _ command: Command,
      _ audience: Audience = .everyone, mutating: Bool = false, footer: Bool = false
    ) -> KeyBinding {
      KeyBinding(
        keys: keys, label: label, help: help, command: command, audience: audience,
        isMutating: mutating, inFooter: footer)
    }
    return [
      bind([.character("j"), .down], text.down, text.downHelp, .moveDown),
      bind([.character("k"), .up], text.up, text.upHelp, .moveUp),
      bind([.pageDown], text.page, text.pageHelp, .pageDown),
      bind([.pageUp], text.page, text.pageHelp, .pageUp),
      bind([.home], text.ends, text.endsHelp, .first),
      bind([.end], text.ends, text.endsHelp, .last),
      bind([.character("J")], text.next, text.nextHelp, .nextDraft),
      bind([.character("K")], text.next, text.nextHelp, .previousDraft),
      bind([.tab, .backTab], text.pane, text.paneHelp, .switchPane, footer: true),
      bind([.character("o")], text.view, text.viewHelp, .toggleView, footer: true),
      bind([.escape], text.back, text.backHelp, .back),
      bind([.character("/")], text.search, text.searchHelp, .search, footer: true),
      bind([.character("f")], text.filter, text.filterHelp, .filter),
      bind(
        [.character("n")], text.new, text.newHelp, .newDraft, .draftEditors, mutating: true,
        footer: true),
      bind(
        [.character("a")], text.approve, text.approveHelp, .approve, .draftEditors,
        mutating: true, footer: true),
      bind(
        [.character("r")], text.reject, text.rejectHelp, .reject, .draftEditors, mutating: true,
        footer: true),
      bind(
        [.character("e")], text.edit, text.editHelp, .edit, .draftEditors, mutating: true,
        footer: true),
      bind(
        [.character("w")], text.regenerate, text.regenerateHelp, .regenerate, .draftEditors,
        mutating: true),
      bind(
        [.character("s")], text.schedule, text.scheduleHelp, .schedule, .draftEditors,
        mutating: true),
      bind(
        [.character("p")], text.publish, text.publishHelp, .publish, .draftEditors,
        mutating: true, footer: true),
      bind(
        [.character("F")], text.retry, text.retryHelp, .retry, .draftEditors, mutating: true),
      bind(
        [.character("X")], text.forgetStyle, text.forgetStyleHelp, .forgetStyle, .operators,
        mutating: true),
      bind(
        [.character("R")], text.reindex, text.reindexHelp, .reindex, .operators, mutating: true),
      bind(
        [.character("D")], text.requeue, text.requeueHelp, .requeueDead, .operators,
        mutating: true),
      bind([.character("g")], text.refresh, text.refreshHelp, .refresh),
      bind([.character("?")], text.help, text.helpHelp, .help, footer: true),
      bind([.character("q")], text.quit, text.quitHelp, .quit, footer: true),
    ]
  }

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

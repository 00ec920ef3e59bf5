/// What a key in the main view asks for; mutating ones become an `Action` after the gate.
public enum Command: String, CaseIterable, Sendable {
  case moveDown
  case moveUp
  case pageDown
  case pageUp
  case switchPane
  case newDraft
  case approve
  case reject
  case publish
  case reindex
  case refresh
  case help
  case quit
}

/// Who may use a binding, besides the read-only switch.
public enum Audience: Sendable {
  /// Everyone, including on-call tokens.
  case everyone
  /// Roles that may change drafts (physician, operator).
  case draftEditors
  /// The operator role only.
  case operators
}

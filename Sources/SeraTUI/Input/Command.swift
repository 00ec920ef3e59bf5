/// What a key in the main view asks for; mutating ones become an `Action` after the gate.
public enum Command: String, CaseIterable, Sendable {
  case moveDown, moveUp, pageDown, pageUp, first, last
  case nextDraft, previousDraft
  case switchPane, toggleView, back, search, filter
  case newDraft, approve, reject, edit, regenerate, schedule, publish, retry
  case forgetStyle, reindex, requeueDead
  case refresh, help, quit
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

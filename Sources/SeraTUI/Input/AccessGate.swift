import Shared

/// The one place that decides whether a binding may run: read-only mode and the token's role.
public struct AccessGate: Equatable, Sendable {
  public var readOnly: Bool
  /// The token's role; nil until `/api/v1/me` answered.
  public var role: Role?

  /// A gate for a mode and role.
  public init(readOnly: Bool, role: Role?) {
    self.readOnly = readOnly
    self.role = role
  }

  /// Why the binding is refused, or nil when it may run.
  public func refusal(for binding: KeyBinding) -> String? {
    if binding.isMutating && readOnly {
      return Strings.Gate.readOnly(binding.label)
    }
    switch binding.audience {
    case .everyone:
      return nil
    case .draftEditors:
      // An unknown role is let through: the server still checks the token.
      if role == .oncall { return Strings.Gate.onCall(binding.label) }
      return nil
    case .operators:
      return role == .operator ? nil : Strings.Gate.operatorOnly(binding.label)
    }
  }
}

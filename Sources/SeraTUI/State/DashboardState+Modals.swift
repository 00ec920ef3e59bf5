import Shared

extension DashboardState {
  /// Keys inside a dialog: text goes into inputs and never reaches the registry.
  mutating func handle(_ key: Key, in modal: Modal) -> [Effect] {
    switch modal {
    case .help:
      if key == .escape || key == .character("?") || key == .character("q") { self.modal = nil }
      return []
    case .confirm(let action):
      // Default is Cancel: only `y` goes ahead; Enter, Esc or any other key cancels.
      if key == .character("y") { return request(action) }
      self.modal = nil
      say(Strings.Status.cancelled)
      return []
    case .newDraft(var form):
      return handleForm(key, form: &form)
    case .rejectReason(let id, let version, var reason):
      switch key {
      case .escape:
        self.modal = nil
        say(Strings.Status.cancelled)
      case .enter:
        let trimmed = reason.trimmed()
        guard !trimmed.isEmpty else {
          say(Strings.Status.emptyReason, isError: true)
          return []
        }
        return request(.reject(draftId: id, version: version, reason: trimmed))
      default:
        Self.edit(&reason, with: key)
        self.modal = .rejectReason(draftId: id, version: version, reason: reason)
      }
      return []
    }
  }

  private mutating func handleForm(_ key: Key, form: inout DraftForm) -> [Effect] {
    switch (key, form.field) {
    case (.escape, _):
      modal = nil
      say(Strings.Status.cancelled)
      return []
    case (.enter, .topic):
      guard !form.topic.trimmed().isEmpty else {
        say(Strings.Status.emptyTopic, isError: true)
        return []
      }
      form.field = .platform
    case (.enter, .platform):
      return request(.create(topic: form.topic.trimmed(), platform: form.platform))
    case (.tab, .topic):
      form.field = .platform
    case (.tab, .platform), (.right, .platform), (.down, .platform):
      form.cyclePlatform()
    case (.backTab, .platform), (.left, .platform), (.up, .platform):
      form.cyclePlatform(backwards: true)
    case (.character(let c), .platform):
      if let platform = DraftForm.platform(forLetter: c) { form.platform = platform }
    case (.backspace, .platform):
      form.field = .topic
    default:
      Self.edit(&form.topic, with: key, limit: CreateDraftRequest.maxTopicLength)
    }
    modal = .newDraft(form)
    return []
  }

  /// Applies a typing key to a text input; other keys are ignored.
  static func edit(_ text: inout String, with key: Key, limit: Int = 500) {
    switch key {
    case .backspace, .delete:
      if !text.isEmpty { text.removeLast() }
    case .character(let c):
      if text.count < limit, !(c.unicodeScalars.first.map(Self.isControl) ?? true) {
        text.append(c)
      }
    default:
      break
    }
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || scalar.value == 0x7F
  }
}

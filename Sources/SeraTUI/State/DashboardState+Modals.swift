import Foundation
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
      cancel()
      return []
    case .newDraft(var form):
      return handleForm(key, form: &form)
    case .input(var prompt):
      if key == .escape { return cancel() }
      if key == .enter { return submit(prompt) }
      Self.edit(&prompt.text, with: key)
      self.modal = .input(prompt)
      return []
    case .platforms(var pick):
      return handlePick(key, pick: &pick)
    }
  }

  @discardableResult
  private mutating func cancel() -> [Effect] {
    modal = nil
    say(Strings.Status.cancelled)
    return []
  }

  private mutating func submit(_ prompt: TextPrompt) -> [Effect] {
    let text = prompt.text.trimmed()
    switch prompt.purpose {
    case .search:
      search = text
      modal = nil
      return followSelection()
    case .rejectReason(let id, let version):
      guard !text.isEmpty else { return complain(Strings.Status.emptyReason) }
      return request(.reject(draftId: id, version: version, reason: text))
    case .regenerateNote(let id, let version):
      guard !text.isEmpty else { return complain(Strings.Status.emptyNote) }
      return request(.regenerate(draftId: id, version: version, note: text))
    case .scheduleTime(let id, let version, let platforms):
      guard let at = ScheduleTime.parse(text, now: Date()) else {
        return complain(Strings.Status.badTime)
      }
      return request(.schedule(draftId: id, version: version, at: at, platforms: platforms))
    }
  }

  private mutating func complain(_ message: String) -> [Effect] {
    say(message, isError: true)
    return []
  }

  private mutating func handlePick(_ key: Key, pick: inout PlatformPick) -> [Effect] {
    switch key {
    case .escape: return cancel()
    case .enter:
      guard !pick.chosen.isEmpty else { return complain(Strings.Status.noPlatform) }
      if pick.forSchedule {
        modal = .input(
          TextPrompt(
            .scheduleTime(draftId: pick.draftId, version: pick.version, platforms: pick.chosen)))
        return []
      }
      return request(
        .publish(
          draftId: pick.draftId, version: pick.version, platforms: pick.chosen, topic: pick.topic))
    case .character(let c):
      if let platform = DraftForm.platform(forLetter: c) { pick.toggle(platform) }
    default: break
    }
    modal = .platforms(pick)
    return []
  }

  private mutating func handleForm(_ key: Key, form: inout DraftForm) -> [Effect] {
    switch (key, form.field) {
    case (.escape, _):
      return cancel()
    case (.enter, .topic):
      guard !form.topic.trimmed().isEmpty else { return complain(Strings.Status.emptyTopic) }
      form.field = .platform
    case (.enter, .platform):
      form.field = .sourceURL
    case (.enter, .sourceURL):
      let url = form.sourceURL.trimmed()
      return request(
        .create(
          topic: form.topic.trimmed(), platform: form.platform, sourceURL: url.isEmpty ? nil : url))
    case (.tab, _):
      let all = DraftForm.Field.allCases
      form.field = all[(all.firstIndex(of: form.field)! + 1) % all.count]
    case (.right, .platform), (.down, .platform):
      form.cyclePlatform()
    case (.backTab, .platform), (.left, .platform), (.up, .platform):
      form.cyclePlatform(backwards: true)
    case (.character(let c), .platform):
      if let platform = DraftForm.platform(forLetter: c) { form.platform = platform }
    case (_, .sourceURL):
      Self.edit(&form.sourceURL, with: key, limit: 2048)
    case (_, .topic):
      Self.edit(&form.topic, with: key, limit: CreateDraftRequest.maxTopicLength)
    default:
      break
    }
    modal = .newDraft(form)
    return []
  }

  /// Applies a typing key to a text input, up to `limit` code points; other keys are ignored.
  static func edit(_ text: inout String, with key: Key, limit: Int = 500) {
    switch key {
    case .backspace, .delete:
      if !text.isEmpty { text.removeLast() }
    case .character(let c):
      // Counted in code points, as the server's limits are (`CreateDraftRequest.length`).
      if text.unicodeScalars.count + c.unicodeScalars.count <= limit,
        !(c.unicodeScalars.first.map(Self.isControl) ?? true)
      {
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

/// Reads the schedule prompt: `+30m`, `+2h`, `+1d`, or `YYYY-MM-DD HH:MM` in local time.
enum ScheduleTime {
  /// The moment the text names, or nil when it is not one of the forms or not in the future.
  static func parse(_ text: String, now: Date) -> Date? {
    let found = relative(text, now: now) ?? absolute(text)
    guard let found, found > now else { return nil }
    return found
  }

  private static func relative(_ text: String, now: Date) -> Date? {
    guard text.hasPrefix("+"), let unit = text.last, let amount = Int(text.dropFirst().dropLast())
    else { return nil }
    let seconds: [Character: Int] = ["m": 60, "h": 3600, "d": 86400]
    return seconds[unit].map { now.addingTimeInterval(Double(amount * $0)) }
  }

  private static func absolute(_ text: String) -> Date? {
    let parts = text.split(whereSeparator: { "- :T".contains($0) }).compactMap { Int32($0) }
    guard parts.count == 5 else { return nil }
    var fields = tm()
    fields.tm_year = parts[0] - 1900
    fields.tm_mon = parts[1] - 1
    fields.tm_mday = parts[2]
    fields.tm_hour = parts[3]
    fields.tm_min = parts[4]
    fields.tm_isdst = -1
    let seconds = mktime(&fields)
    return seconds == -1 ? nil : Date(timeIntervalSince1970: Double(seconds))
  }
}

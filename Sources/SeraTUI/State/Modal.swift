import Shared

/// A dialog over the main view; while one is open, keys go to it and never to the registry.
public enum Modal: Equatable, Sendable {
  case help
  case newDraft(DraftForm)
  case rejectReason(draftId: Int64, version: Int, reason: String)
  case confirm(Action)
}

/// The new-draft form: a topic, then a platform.
public struct DraftForm: Equatable, Sendable {
  public enum Field: Sendable { case topic, platform }

  public var topic = ""
  public var platform: Platform = .telegram
  public var field: Field = .topic

  /// An empty form with the cursor in the topic.
  public init() {}

  /// The platform after this one, for Tab cycling.
  public mutating func cyclePlatform(backwards: Bool = false) {
    let all = Platform.allCases
    let index = all.firstIndex(of: platform)!
    platform = all[(index + (backwards ? all.count - 1 : 1)) % all.count]
  }

  /// The platform a letter picks (t, x, h), if any.
  public static func platform(forLetter letter: Character) -> Platform? {
    switch letter {
    case "t": return .telegram
    case "x": return .twitter
    case "h": return .threads
    default: return nil
    }
  }
}

/// What the UI loop must do after a key or new data.
public enum Effect: Equatable, Sendable {
  case perform(Action)
  case refreshNow
  case select(Int64?)
  case quit
}

/// Which pane j/k move in.
public enum Pane: Sendable {
  case drafts
  case detail
}

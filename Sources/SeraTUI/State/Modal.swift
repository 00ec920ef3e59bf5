import Foundation
import Shared

/// A dialog over the main view; while one is open, keys go to it and never to the registry.
public enum Modal: Equatable, Sendable {
  case help
  case newDraft(DraftForm)
  /// A one-line text input for a purpose (reject reason, note, time, search).
  case input(TextPrompt)
  /// Which platforms to publish to, ticked with t/x/h.
  case platforms(PlatformPick)
  case confirm(Action)
}

/// A one-line text input and what its text is for.
public struct TextPrompt: Equatable, Sendable {
  public enum Purpose: Equatable, Sendable {
    case rejectReason(draftId: Int64, version: Int)
    case regenerateNote(draftId: Int64, version: Int)
    case scheduleTime(draftId: Int64, version: Int, platforms: [Platform])
    case search
  }

  public var purpose: Purpose
  public var text = ""

  /// An empty prompt for a purpose.
  public init(_ purpose: Purpose, text: String = "") {
    self.purpose = purpose
    self.text = text
  }
}

/// The platform picker of publish and schedule; the draft's own platform is ticked first.
public struct PlatformPick: Equatable, Sendable {
  public var draftId: Int64
  public var version: Int
  public var topic: String
  public var chosen: [Platform]
  /// True when the pick leads to scheduling rather than publishing now.
  public var forSchedule: Bool

  /// Flips one platform, keeping the order of `Platform.allCases`.
  public mutating func toggle(_ platform: Platform) {
    let set = Set(chosen).symmetricDifference([platform])
    chosen = Platform.allCases.filter(set.contains)
  }
}

/// The new-draft form: a topic, a platform, an optional source URL.
public struct DraftForm: Equatable, Sendable {
  public enum Field: Sendable, CaseIterable { case topic, platform, sourceURL }

  public var topic = ""
  public var platform: Platform = .telegram
  public var sourceURL = ""
  public var field: Field = .topic

  /// An empty form with the cursor in the topic.
  public init() {}

  /// The platform after this one, for cycling.
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
  /// Hand the terminal to `$EDITOR` with this text; the loop reports back with `finishEdit`.
  case openEditor(draftId: Int64, version: Int, text: String)
  case quit
}

/// Which pane j/k move in.
public enum Pane: Sendable {
  case drafts
  case detail
}

/// Which screen is shown: physicians' review or on-call's ops view.
public enum Screen: Sendable {
  case review
  case ops
}

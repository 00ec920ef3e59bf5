import Shared

/// Splits a post too long for one message into numbered parts (`1/3 …`), each within a limit
/// by the platform's own measure: at paragraph breaks, then sentence ends, then between
/// grapheme clusters, so no character, emoji or (later added) escape pair is ever cut.
struct PostSplitter {
  /// The platform's length of a text.
  let measure: (String) -> Int
  /// The most one part may measure.
  let limit: Int

  /// The parts; the text itself when it fits.
  func split(_ text: String) -> [String] {
    guard measure(text) > limit else { return [text] }
    var digits = 1
    while true {
      let widest = String(repeating: "9", count: digits)
      let budget = limit - measure(marker(widest, of: widest))
      let pieces = pack(units(of: text, level: .paragraph), level: .paragraph, budget: budget)
      if String(pieces.count).count <= digits {
        return pieces.enumerated().map { marker(String($0 + 1), of: String(pieces.count)) + $1 }
      }
      digits += 1
    }
  }

  private func marker(_ number: String, of total: String) -> String { "\(number)/\(total) " }

  private enum Level {
    case paragraph, sentence, grapheme

    var separator: String {
      switch self {
      case .paragraph: return "\n\n"
      case .sentence: return " "
      case .grapheme: return ""
      }
    }

    var finer: Level {
      switch self {
      case .paragraph: return .sentence
      case .sentence, .grapheme: return .grapheme
      }
    }
  }

  /// Greedily joins units while they fit; a unit too long alone is split one level finer.
  private func pack(_ items: [String], level: Level, budget: Int) -> [String] {
    var pieces: [String] = []
    var current = ""
    for unit in items {
      let joined = current.isEmpty ? unit : current + level.separator + unit
      if measure(joined) <= budget {
        current = joined
        continue
      }
      if !current.isEmpty { pieces.append(current) }
      current = ""
      if measure(unit) <= budget {
        current = unit
      } else {
        var finer = pack(units(of: unit, level: level.finer), level: level.finer, budget: budget)
        current = finer.popLast() ?? ""
        pieces += finer
      }
    }
    if !current.isEmpty { pieces.append(current) }
    return pieces
  }

  private func units(of text: String, level: Level) -> [String] {
    switch level {
    case .paragraph:
      return text.split(separator: "\n\n").map { $0.trimmed() }.filter { !$0.isEmpty }
    case .sentence: return sentences(of: text)
    case .grapheme: return text.map { String($0) }
    }
  }

  /// Sentences end after `.`, `!`, `?` or `…` followed by white space.
  private func sentences(of text: String) -> [String] {
    var result: [String] = []
    var current = ""
    var previous: Character?
    for character in text {
      if character.isWhitespace, let last = previous, ".!?…".contains(last) {
        result.append(current)
        current = ""
      } else if !(current.isEmpty && character.isWhitespace) {
        current.append(character)
      }
      previous = character
    }
    if !current.isEmpty { result.append(current) }
    return result
  }
}

/// Repairs the line-break artefacts of text extracted from PDFs (BR-30): words split by a
/// line-end hyphen are joined, real compounds keep their hyphen, soft hyphens are dropped.
public enum PDFTextCleaner {
  /// First parts of English compounds that are written with a hyphen ("long-term",
  /// "follow-up"), so a line break after them keeps the hyphen. Joined forms found elsewhere in
  /// the same text win over this list, and a hyphenated form found there wins over joining.
  static let compoundHeads: Set<String> = [
    "long", "short", "well", "self", "high", "low", "full", "part", "follow", "non", "first",
    "second", "third", "evidence", "age", "dose", "time", "year", "day", "week", "month",
    "placebo", "double", "single", "multi", "anti", "co", "post", "pre", "cross", "in", "out",
  ]
  static let softHyphen: Character = "\u{00AD}"

  /// The page text with soft hyphens removed and line-end hyphenation decided word by word.
  public static func cleaned(_ text: String) -> String {
    let lines = text.replacing("\r\n", with: "\n").filter { $0 != softHyphen }
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let vocabulary = Vocabulary(lines: lines)
    var result = ""
    var index = 0
    while index < lines.count {
      var line = lines[index]
      // A break before a letter or a digit ("COVID-" / "19") is a candidate for joining.
      while line.hasSuffix("-"), index + 1 < lines.count, let next = lines[index + 1].first,
        next.isLetter || next.isNumber, !lastWord(of: String(line.dropLast())).isEmpty
      {
        let head = lastWord(of: String(line.dropLast()))
        let tail = firstWord(of: lines[index + 1])
        let keepHyphen = vocabulary.keepsHyphen(head: head, tail: tail)
        line = String(line.dropLast()) + (keepHyphen ? "-" : "") + lines[index + 1]
        index += 1
      }
      result += line
      index += 1
      if index < lines.count { result += "\n" }
    }
    return result
  }

  private static func lastWord(of text: String) -> String {
    String(text.reversed().prefix { $0.isLetter || $0.isNumber }.reversed())
  }

  private static func firstWord(of text: String) -> String {
    String(text.prefix { $0.isLetter || $0.isNumber })
  }

  /// The words and hyphenated words that appear inside lines of the text itself.
  struct Vocabulary {
    var words: Set<String> = []
    var compounds: Set<String> = []

    init(lines: [String]) {
      for line in lines {
        for token in line.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }) {
          let word = token.lowercased()
          if word.contains("-"), !word.hasPrefix("-"), !word.hasSuffix("-") {
            compounds.insert(word)
          } else {
            words.insert(word)
          }
        }
      }
    }

    func keepsHyphen(head: String, tail: String) -> Bool {
      let head = head.lowercased()
      let tail = tail.lowercased()
      if compounds.contains(head + "-" + tail) { return true }
      if words.contains(head + tail) { return false }
      // "COVID-19", "type-2": a digit or a capital after the break means a written hyphen.
      if tail.first?.isNumber == true || head.last?.isNumber == true { return true }
      return PDFTextCleaner.compoundHeads.contains(head)
    }
  }
}

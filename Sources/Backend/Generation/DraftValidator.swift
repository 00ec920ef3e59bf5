import Shared

/// The stage that checks a written post before a physician sees it.
public protocol DraftValidator: Sendable {
  /// Problems in words a physician can act on; empty when the post passes.
  func problems(in content: String, platform: Platform, sources: [DraftSource]) -> [String]
}

/// The standard checks: not empty, fits the platform's limit by its own counting, and every
/// citation (`[n]`, PMID, URL) names a source among the evidence.
public struct StandardDraftValidator: DraftValidator {
  /// A validator with no settings.
  public init() {}

  public func problems(in content: String, platform: Platform, sources: [DraftSource]) -> [String] {
    guard !content.trimmed().isEmpty else { return ["The post is empty."] }
    var problems: [String] = []
    let length = PlatformTextMetrics.length(of: content, on: platform)
    if length > platform.characterLimit {
      problems.append(
        "Too long for \(platform.displayName): \(length) of \(platform.characterLimit) "
          + PlatformTextMetrics.unitName(for: platform) + ".")
    }
    problems += CitationCheck(content: content, sources: sources).problems
    return problems
  }

  /// The numbers of every `[n]` citation in the text, in order.
  public static func citations(in content: String) -> [Int] {
    var numbers: [Int] = []
    var digits: String?
    for character in content {
      if character == "[" {
        digits = ""
      } else if character == "]", let found = digits, let number = Int(found) {
        numbers.append(number)
        digits = nil
      } else if digits != nil, character.isASCII, character.isNumber {
        digits! += String(character)
      } else {
        digits = nil
      }
    }
    return numbers
  }
}

/// A language the user-visible text is written in.
public enum Language: String, Sendable, CaseIterable {
  case english = "en"
  case ukrainian = "uk"

  /// The language a flag value or locale name asks for (`uk`, `uk_UA.UTF-8`, `en_US`); nil if
  /// the catalogue has no such language.
  public init?(code: String) {
    let prefix = code.lowercased().prefix { $0.isLetter }
    guard let found = Language(rawValue: String(prefix)) else { return nil }
    self = found
  }

  /// The language of the environment: `LC_ALL`, then `LC_MESSAGES`, then `LANG`; English when
  /// none names a language the catalogue has (POSIX `C` included).
  public static func from(environment: [String: String]) -> Language {
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      guard let value = environment[name], !value.isEmpty else { continue }
      // The first variable that is set decides, as in POSIX: LC_ALL=C means English.
      return Language(code: value) ?? .english
    }
    return .english
  }
}

/// The one catalogue of user-visible text, in English and Ukrainian.
///
/// Each area of the product adds its own namespace in an extension file
/// (`Catalogue+Slack.swift`, ...) built from `Catalogue.pick(_:_:)`, so wording and translations
/// live together and the language is chosen in one place.
public enum Catalogue {
  /// The language of the current task or thread; a program binds it once at start with
  /// `Catalogue.$language.withValue`, and tests bind it around what they render.
  @TaskLocal public static var language: Language = .english

  /// The English or Ukrainian wording, whichever the current language is.
  public static func pick(_ english: String, _ ukrainian: String) -> String {
    language == .ukrainian ? ukrainian : english
  }

  /// A decimal with one digit after the point, e.g. `12.5`.
  public static func oneDecimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    return sign + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
  }

  /// A ratio 0...1 as a percentage with one decimal, e.g. `5.0%`.
  public static func percent(_ ratio: Double) -> String { oneDecimal(ratio * 100) + "%" }

  /// US dollars with cents, e.g. `$3.40`.
  public static func dollars(_ value: Double) -> String {
    let cents = Int((value * 100).rounded())
    let rest = abs(cents % 100)
    return "$\(cents / 100)." + (rest < 10 ? "0" : "") + "\(rest)"
  }
}

/// The character classes of twitter-text's URL pattern, and the path and query scanners.
enum TwitterTextCharacters {
  private static let asciiPunctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)
  private static let directionalMarkers: Set<UInt32> = [
    0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
    0x2069,
  ]
  // twitter-text's "spaces" group.
  private static let spaces: Set<UInt32> = Set(
    Array(0x0009...0x000D) + [0x0020, 0x0085, 0x00A0, 0x1680, 0x180E] + Array(0x2000...0x200A)
      + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
  private static let pathExtras = Set("!*';:=+,.$/%#[]-_~&|@\u{2013}".unicodeScalars)
  private static let pathEndingExtras = Set("+-=_#/".unicodeScalars)
  private static let queryExtras = Set("!?*'@();:&=+$/%#[]-_.,~|".unicodeScalars)
  private static let queryEndingExtras = Set("-_&=#/".unicodeScalars)

  static func isDirectionalMarker(_ scalar: Unicode.Scalar) -> Bool {
    directionalMarkers.contains(scalar.value)
  }

  /// A character a domain label may start and end with: anything but ASCII punctuation,
  /// spaces, invalid characters and directional markers.
  static func isDomainCharacter(_ scalar: Unicode.Scalar) -> Bool {
    !asciiPunctuation.contains(scalar) && !spaces.contains(scalar.value)
      && !TwitterText.invalidScalars.contains(scalar.value) && !isDirectionalMarker(scalar)
  }

  /// A character inside a label: a domain character, `-` or `_`.
  static func isLabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
    isDomainCharacter(scalar) || scalar == "-" || scalar == "_"
  }

  /// A character of a scheme-less (ASCII) domain: letters, digits, `-`, Latin accents.
  static func isASCIIDomainCharacter(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCIIAlphanumeric || scalar == "-" || isLatinAccent(scalar)
  }

  /// Where a path starting with `/` at `slash` ends: after its last allowed ending character.
  static func pathEnd(from slash: Int, _ text: [Unicode.Scalar]) -> Int {
    var index = slash + 1
    var end = index
    while index < text.count {
      let scalar = text[index]
      if scalar == "(" {
        guard let close = balancedParenthesesEnd(from: index, text) else { break }
        index = close
        end = close
      } else if isPathCharacter(scalar) {
        index += 1
        if isPathEnding(scalar) { end = index }
      } else {
        break
      }
    }
    return end
  }

  /// Where a query starting with `?` at `mark` ends; at `mark` when no ending character follows.
  static func queryEnd(from mark: Int, _ text: [Unicode.Scalar]) -> Int {
    var index = mark + 1
    var end = mark
    while index < text.count, isQueryCharacter(text[index]) {
      let scalar = text[index]
      index += 1
      if scalar.isASCIIAlphanumeric || queryEndingExtras.contains(scalar) { end = index }
    }
    return end
  }

  /// `(…)` or `(…(…)…)` of path characters starting at `open`; the offset after the `)`.
  private static func balancedParenthesesEnd(from open: Int, _ text: [Unicode.Scalar]) -> Int? {
    var index = skipPath(from: open + 1, text)
    if index < text.count, text[index] == "(" {
      let inner = skipPath(from: index + 1, text)
      guard inner > index + 1, inner < text.count, text[inner] == ")" else { return nil }
      index = skipPath(from: inner + 1, text)
    } else if index == open + 1 {
      return nil
    }
    guard index < text.count, text[index] == ")" else { return nil }
    return index + 1
  }

  private static func skipPath(from start: Int, _ text: [Unicode.Scalar]) -> Int {
    var index = start
    while index < text.count, isPathCharacter(text[index]) { index += 1 }
    return index
  }

  private static func isPathCharacter(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCIIAlphanumeric || isCyrillic(scalar) || isLatinAccent(scalar)
      || pathExtras.contains(scalar)
  }

  private static func isPathEnding(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCIIAlphanumeric || isCyrillic(scalar) || isLatinAccent(scalar)
      || pathEndingExtras.contains(scalar)
  }

  private static func isQueryCharacter(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCIIAlphanumeric || queryExtras.contains(scalar)
  }

  private static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
    (0x0400...0x04FF).contains(scalar.value)
  }

  // twitter-text's Latin accent ranges.
  private static func isLatinAccent(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00C0...0x00D6, 0x00D8...0x00F6, 0x00F8...0x00FF, 0x0100...0x024F: return true
    case 0x0253, 0x0254, 0x0256, 0x0257, 0x0259, 0x025B, 0x0263, 0x0268, 0x026F, 0x0272,
      0x0289, 0x028B, 0x02BB:
      return true
    case 0x0300...0x036F, 0x1E00...0x1EFF: return true
    default: return false
    }
  }
}

extension TwitterText {
  private static let countrySet = Set(
    countryTLDs.split(whereSeparator: \.isWhitespace).map(String.init))
  private static let genericSet = Set(
    genericTLDs.split(whereSeparator: \.isWhitespace).map(String.init))

  /// Whether a lower-case label is a top-level domain twitter-text knows (or punycode `xn--…`).
  static func isTopLevelDomain(_ label: String) -> Bool {
    countrySet.contains(label) || genericSet.contains(label)
      || (label.hasPrefix("xn--") && label.count > 4)
  }

  /// Whether a lower-case label is a country-code top-level domain.
  static func isCountryDomain(_ label: String) -> Bool {
    countrySet.contains(label)
  }
}

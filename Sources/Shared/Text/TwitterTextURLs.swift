/// Finds the URLs twitter-text's extractor would find, for counting: a URL with a scheme, or a
/// scheme-less ASCII domain, ending in a known top-level domain, with optional port, path and query.
///
/// Offsets are in code points of NFC text. Limitation: a scheme-less domain with non-ASCII labels
/// is not searched for an ASCII tail (twitter-text takes `example.com` out of `中文example.com`).
enum TwitterTextURLs {
  /// A DNS label is at most 63 octets after punycode (RFC 1035 §2.3.4; twitter-text checks it).
  static let maxLabelLength = 63
  /// twitter-text refuses URLs longer than this after punycode.
  static let maxURLLength = 4096

  private typealias Scalars = [Unicode.Scalar]

  /// Every URL in `scalars`, in order, as code point offset ranges.
  static func ranges(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
    var found: [Range<Int>] = []
    var index = 0
    while index < scalars.count {
      guard mayStart(at: index, scalars), let match = match(at: index, scalars) else {
        index += 1
        continue
      }
      if match.valid { found.append(match.range) }
      // Like a global regex, a match refused afterwards is still consumed.
      index = max(match.range.upperBound, index + 1)
    }
    return found
  }

  private static func mayStart(at index: Int, _ text: Scalars) -> Bool {
    guard index > 0 else { return true }
    let before = text[index - 1]
    if TwitterTextCharacters.isDirectionalMarker(before) { return true }
    return !"@＠$#＃".unicodeScalars.contains(before) && !before.isASCIIAlphanumeric
      && !TwitterText.invalidScalars.contains(before.value)
  }

  private static func match(at start: Int, _ text: Scalars) -> (range: Range<Int>, valid: Bool)? {
    let schemeLength = scheme(at: start, text)
    if schemeLength == 0, start > 0, "-_./".unicodeScalars.contains(text[start - 1]) {
      return nil
    }
    guard let labels = domain(from: start + schemeLength, text, schemeless: schemeLength == 0)
    else { return nil }
    var end = labels.last!.upperBound
    end = port(from: end, text)
    let pathStart = end
    if end < text.count, text[end] == "/" { end = TwitterTextCharacters.pathEnd(from: end, text) }
    if end < text.count, text[end] == "?" { end = TwitterTextCharacters.queryEnd(from: end, text) }
    if schemeLength == 0, end == pathStart, isShortCountryDomain(labels, text) { return nil }
    let valid = hasValidLabels(labels, text) && end - start <= maxURLLength
    return (start..<end, valid)
  }

  /// The length of `http://` or `https://` (any case) at `index`, or 0.
  private static func scheme(at index: Int, _ text: Scalars) -> Int {
    for candidate in ["https://", "http://"] {
      let wanted = Array(candidate.unicodeScalars)
      guard index + wanted.count <= text.count else { continue }
      let found = text[index..<index + wanted.count].map { $0.asciiLowercased }
      if found == wanted { return wanted.count }
    }
    return 0
  }

  /// The labels of the longest domain at `start` that ends in a known top-level domain.
  private static func domain(from start: Int, _ text: Scalars, schemeless: Bool) -> [Range<Int>]? {
    var labels: [Range<Int>] = []
    var index = start
    while true {
      let labelStart = index
      while index < text.count, TwitterTextCharacters.isLabelCharacter(text[index]) { index += 1 }
      guard index > labelStart else { break }
      labels.append(labelStart..<index)
      guard index < text.count, text[index] == "." else { break }
      index += 1
    }
    guard labels.count >= 2 else { return nil }
    for count in stride(from: labels.count, through: 2, by: -1) {
      let chosen = Array(labels[..<count])
      if isDomain(chosen, text, schemeless: schemeless) { return chosen }
    }
    return nil
  }

  private static func isDomain(_ labels: [Range<Int>], _ text: Scalars, schemeless: Bool) -> Bool {
    let tld = labels.last!
    let name = String(String.UnicodeScalarView(text[tld])).lowercased()
    guard TwitterText.isTopLevelDomain(name) else { return false }
    if tld.upperBound < text.count {
      let next = text[tld.upperBound]
      if next.isASCIIAlphanumeric || "@+-".unicodeScalars.contains(next) { return false }
    }
    for (position, label) in labels.dropLast().enumerated() {
      let body = text[label]
      let edgesFine =
        TwitterTextCharacters.isDomainCharacter(body.first!)
        && TwitterTextCharacters.isDomainCharacter(body.last!)
      guard edgesFine else { return false }
      // Only subdomains may hold `_`; the registered name may not.
      if position == labels.count - 2, body.contains("_") { return false }
      if schemeless, !body.allSatisfy(TwitterTextCharacters.isASCIIDomainCharacter) {
        return false
      }
    }
    return true
  }

  private static func port(from index: Int, _ text: Scalars) -> Int {
    guard index < text.count, text[index] == ":" else { return index }
    var end = index + 1
    while end < text.count, text[end].properties.numericType == .decimal,
      text[end].isASCII
    {
      end += 1
    }
    return end > index + 1 ? end : index
  }

  /// `example.ua` without a path is not taken for a URL when written without a scheme.
  private static func isShortCountryDomain(_ labels: [Range<Int>], _ text: Scalars) -> Bool {
    guard labels.count == 2 else { return false }
    let whole = labels.map { String(String.UnicodeScalarView(text[$0])) }.joined(separator: ".")
    if whole.lowercased() == "t.co" { return false }
    let tld = String(String.UnicodeScalarView(text[labels[1]])).lowercased()
    return TwitterText.isCountryDomain(tld)
  }

  private static func hasValidLabels(_ labels: [Range<Int>], _ text: Scalars) -> Bool {
    labels.allSatisfy { label in
      let length = Punycode.encodedLength(of: Array(text[label]))
      return (1...maxLabelLength).contains(length)
    }
  }
}

extension Unicode.Scalar {
  var isASCIIAlphanumeric: Bool {
    isASCII && (properties.isAlphabetic || ("0"..."9").contains(self))
  }

  var asciiLowercased: Unicode.Scalar {
    ("A"..."Z").contains(self) ? Unicode.Scalar(value + 32)! : self
  }
}

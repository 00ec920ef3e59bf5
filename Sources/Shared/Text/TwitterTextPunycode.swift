/// Punycode (RFC 3492), used to measure a domain label as DNS sees it.
enum Punycode {
  // The parameters RFC 3492 §5 assigns to Punycode.
  private static let base = 36
  private static let tMin = 1
  private static let tMax = 26
  private static let skew = 38
  private static let damp = 700
  private static let initialBias = 72
  private static let initialN: UInt32 = 128
  /// The ACE prefix IDNA puts before an encoded label (RFC 3490 §5).
  static let acePrefix = "xn--"

  /// The label's length as IDNA writes it: itself when ASCII, else `xn--` and its Punycode.
  static func encodedLength(of label: [Unicode.Scalar]) -> Int {
    if label.allSatisfy(\.isASCII) { return label.count }
    return acePrefix.count + encode(label).count
  }

  /// The Punycode of `input` (RFC 3492 §6.3), without the ACE prefix.
  static func encode(_ input: [Unicode.Scalar]) -> String {
    let values = input.map(\.value)
    var output = values.filter { $0 < initialN }.map { Character(Unicode.Scalar($0)!) }
    let basicCount = output.count
    var handled = basicCount
    if basicCount > 0 { output.append("-") }
    var n = initialN
    var delta = 0
    var bias = initialBias
    while handled < values.count {
      let next = values.filter { $0 >= n }.min()!
      delta += Int(next - n) * (handled + 1)
      n = next
      for value in values {
        if value < n { delta += 1 }
        guard value == n else { continue }
        output.append(contentsOf: digits(of: delta, bias: bias))
        bias = adapt(delta, points: handled + 1, first: handled == basicCount)
        delta = 0
        handled += 1
      }
      delta += 1
      n += 1
    }
    return String(output)
  }

  /// A variable-length integer in base 36 with thresholds from the bias.
  private static func digits(of delta: Int, bias: Int) -> [Character] {
    var result: [Character] = []
    var q = delta
    var k = base
    while true {
      let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
      if q < t { break }
      result.append(digit(t + (q - t) % (base - t)))
      q = (q - t) / (base - t)
      k += base
    }
    result.append(digit(q))
    return result
  }

  private static func adapt(_ delta: Int, points: Int, first: Bool) -> Int {
    var delta = first ? delta / damp : delta / 2
    delta += delta / points
    var k = 0
    while delta > ((base - tMin) * tMax) / 2 {
      delta /= base - tMin
      k += base
    }
    return k + (base - tMin + 1) * delta / (delta + skew)
  }

  private static func digit(_ value: Int) -> Character {
    let scalar = value < 26 ? 97 + value : 22 + value  // a–z, then 0–9
    return Character(Unicode.Scalar(UInt8(scalar)))
  }
}

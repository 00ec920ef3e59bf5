/// `application/x-www-form-urlencoded` bodies (WHATWG URL standard): `&`-separated `name=value`
/// pairs, `+` for a space, `%XX` for a byte; the decoded bytes must be UTF-8.
enum FormBody {
  /// The fields of a form body, or nil when an escape is malformed or the text is not UTF-8.
  static func decode(_ body: [UInt8]) -> [String: String]? {
    var fields: [String: String] = [:]
    for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
      let parts = pair.split(
        separator: UInt8(ascii: "="), maxSplits: 1,
        omittingEmptySubsequences: false)
      guard let name = unescape(parts[0]) else { return nil }
      let value = parts.count > 1 ? unescape(parts[1]) : ""
      guard let value else { return nil }
      fields[name] = value
    }
    return fields
  }

  /// Encodes fields as a form body (spaces as `%20`), for tests and the fake Slack.
  static func encode(_ fields: [(String, String)]) -> String {
    fields.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
  }

  private static func unescape(_ text: ArraySlice<UInt8>) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.count)
    var index = text.startIndex
    while index < text.endIndex {
      let byte = text[index]
      if byte == UInt8(ascii: "+") {
        bytes.append(UInt8(ascii: " "))
      } else if byte == UInt8(ascii: "%") {
        guard text.endIndex - index > 2, let high = hexValue(text[index + 1]),
          let low = hexValue(text[index + 2])
        else { return nil }
        bytes.append(high << 4 | low)
        index += 2
      } else {
        bytes.append(byte)
      }
      index += 1
    }
    return String(validating: bytes, as: UTF8.self)
  }

  private static func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
    default: return nil
    }
  }

  private static func escape(_ text: String) -> String {
    let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
    let digits = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for byte in text.utf8 {
      if unreserved.contains(byte) {
        out.append(byte)
      } else {
        out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

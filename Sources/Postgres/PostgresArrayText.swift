/// Splits PostgreSQL's one-dimensional array output (`{a,"b c",NULL}`) into its elements.
enum PostgresArrayText {
  /// The elements, nil for an unquoted NULL; nil overall when the text is not such an array.
  static func elements(of text: String) -> [String?]? {
    let bytes = Array(text.utf8)
    guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
    if bytes.count == 2 { return [] }
    var elements: [String?] = []
    var index = 1
    while index < bytes.count - 1 {
      guard let (element, next) = element(in: bytes, from: index) else { return nil }
      elements.append(element)
      index = next
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if index != bytes.count - 1 {
        return nil
      }
    }
    return elements
  }

  /// Reads one element starting at `start`; returns it and the index of the byte after it.
  private static func element(in bytes: [UInt8], from start: Int) -> (String?, Int)? {
    if bytes[start] == UInt8(ascii: "\"") { return quoted(in: bytes, from: start + 1) }
    var end = start
    while end < bytes.count - 1, bytes[end] != UInt8(ascii: ",") {
      if bytes[end] == UInt8(ascii: "{") { return nil }  // nested arrays are not supported
      end += 1
    }
    let raw = String(decoding: bytes[start..<end], as: UTF8.self)
    return (raw == "NULL" ? nil : raw, end)
  }

  private static func quoted(in bytes: [UInt8], from start: Int) -> (String?, Int)? {
    var value: [UInt8] = []
    var index = start
    while index < bytes.count - 1 {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        return (String(decoding: value, as: UTF8.self), index + 1)
      }
      if byte == UInt8(ascii: "\\") {
        index += 1
        guard index < bytes.count - 1 else { return nil }
      }
      value.append(bytes[index])
      index += 1
    }
    return nil
  }
}

import FoundationEssentials

/// A type that can be read from a result column in PostgreSQL's text format.
public protocol PostgresDecodable {
  /// Reads the column's text; nil when the text is not a value of this type.
  init?(postgresText text: String)
}

extension String: PostgresDecodable {
  public init?(postgresText text: String) { self = text }
}

extension Int: PostgresDecodable {
  public init?(postgresText text: String) { self.init(text) }
}

extension Int64: PostgresDecodable {
  public init?(postgresText text: String) { self.init(text) }
}

extension Int32: PostgresDecodable {
  public init?(postgresText text: String) { self.init(text) }
}

extension Double: PostgresDecodable {
  /// Reads float and numeric output, including `NaN` and `±Infinity`.
  public init?(postgresText text: String) {
    switch text {
    case "Infinity": self = .infinity
    case "-Infinity": self = -.infinity
    default: self.init(text)
    }
  }
}

extension Bool: PostgresDecodable {
  public init?(postgresText text: String) {
    switch text {
    case "t", "true": self = true
    case "f", "false": self = false
    default: return nil
    }
  }
}

extension Date: PostgresDecodable {
  /// Reads timestamptz output in the session's ISO DateStyle.
  public init?(postgresText text: String) {
    guard let date = PostgresTimestamp.parse(text) else { return nil }
    self = date
  }
}

/// An element type whose PostgreSQL array text can be read back.
public protocol PostgresArrayDecodable {
  /// Reads the whole array text; nil when it is not an array of this element type.
  static func postgresArray(from text: String) -> [Self]?
}

extension Array: PostgresDecodable where Element: PostgresArrayDecodable {
  public init?(postgresText text: String) {
    guard let elements = Element.postgresArray(from: text) else { return nil }
    self = elements
  }
}

extension UInt8: PostgresArrayDecodable {
  /// Reads bytea in hex output format (`\x0a1b`), PostgreSQL's default since 9.0.
  public static func postgresArray(from text: String) -> [UInt8]? {
    let bytes = Array(text.utf8)
    guard bytes.count % 2 == 0, bytes.starts(with: Array("\\x".utf8)) else { return nil }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count / 2 - 1)
    var index = 2
    while index < bytes.count {
      guard let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else {
        return nil
      }
      result.append(high << 4 | low)
      index += 2
    }
    return result
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 48...57: return byte - 48
    case 97...102: return byte - 87
    case 65...70: return byte - 55
    default: return nil
    }
  }
}

extension Float: PostgresArrayDecodable {
  /// Reads a one-dimensional real[] such as `{0.5,-1,NaN}`.
  public static func postgresArray(from text: String) -> [Float]? {
    guard let items = PostgresArrayText.elements(of: text) else { return nil }
    var result: [Float] = []
    result.reserveCapacity(items.count)
    for item in items {
      guard let item, let value = Float(postgresText: item) else { return nil }
      result.append(value)
    }
    return result
  }

  private init?(postgresText text: String) {
    switch text {
    case "Infinity": self = .infinity
    case "-Infinity": self = -.infinity
    default: self.init(text)
    }
  }
}

extension String: PostgresArrayDecodable {
  /// Reads a one-dimensional text[]; an array holding NULL is not a `[String]`.
  public static func postgresArray(from text: String) -> [String]? {
    guard let items = PostgresArrayText.elements(of: text) else { return nil }
    var result: [String] = []
    for item in items {
      guard let item else { return nil }
      result.append(item)
    }
    return result
  }
}

import FoundationEssentials
import Shared

/// A value that can be sent as a statement parameter, in PostgreSQL's text format.
public protocol PostgresBindable {
  /// The parameter's text as PostgreSQL's input function reads it; nil sends SQL NULL.
  func postgresText() throws -> String?
}

extension String: PostgresBindable {
  public func postgresText() -> String? { self }
}

extension Int: PostgresBindable {
  public func postgresText() -> String? { String(self) }
}

extension Int64: PostgresBindable {
  public func postgresText() -> String? { String(self) }
}

extension Int32: PostgresBindable {
  public func postgresText() -> String? { String(self) }
}

extension Double: PostgresBindable {
  public func postgresText() -> String? { PostgresNumber.text(self) }
}

extension Bool: PostgresBindable {
  public func postgresText() -> String? { self ? "true" : "false" }
}

extension Date: PostgresBindable {
  public func postgresText() throws -> String? {
    guard let text = PostgresTimestamp.format(self) else {
      throw PostgresError(.parameter, "date \(timeIntervalSince1970) s from 1970 is out of range")
    }
    return text
  }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
  public func postgresText() throws -> String? {
    guard let self else { return nil }
    return try self.postgresText()
  }
}

/// An element type whose arrays have one PostgreSQL text form: `[UInt8]` is bytea, `[Float]` a
/// real[], `[Double]` a double precision[], `[Int64]` a bigint[] and `[String]` (or `[String?]`,
/// nil as NULL) a text[]. (Swift allows Array only one conditional conformance, so the element
/// type picks the format.)
public protocol PostgresArrayElement {
  /// The whole array as PostgreSQL text.
  static func postgresText(of elements: [Self]) -> String
}

extension Array: PostgresBindable where Element: PostgresArrayElement {
  public func postgresText() -> String? { Element.postgresText(of: self) }
}

extension UInt8: PostgresArrayElement {
  /// bytea's hex format: `\x` then two lower-case hex digits a byte.
  public static func postgresText(of elements: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = Array("\\x".utf8)
    text.reserveCapacity(2 + elements.count * 2)
    for byte in elements {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}

extension Float: PostgresArrayElement {
  /// A real[] literal such as `{0.5,-1,NaN}`.
  public static func postgresText(of elements: [Float]) -> String {
    "{" + elements.map { PostgresNumber.text($0) }.joined(separator: ",") + "}"
  }
}

extension Double: PostgresArrayElement {
  /// A double precision[] literal such as `{0.5,-1,NaN}`.
  public static func postgresText(of elements: [Double]) -> String {
    "{" + elements.map { PostgresNumber.text($0) }.joined(separator: ",") + "}"
  }
}

extension Int64: PostgresArrayElement {
  /// A bigint[] literal such as `{1,-2,3}`.
  public static func postgresText(of elements: [Int64]) -> String {
    "{" + elements.map { String($0) }.joined(separator: ",") + "}"
  }
}

extension String: PostgresArrayElement {
  /// A text[] literal with every element double-quoted, so commas, braces, quotes, backslashes
  /// and the word NULL all stay plain data.
  public static func postgresText(of elements: [String]) -> String {
    "{" + elements.map(quotedElement).joined(separator: ",") + "}"
  }

  /// One element double-quoted, its backslashes and quotes escaped.
  static func quotedElement(_ element: String) -> String {
    "\"" + element.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
  }
}

extension Optional: PostgresArrayElement where Wrapped == String {
  /// A text[] literal whose nil elements are SQL NULL (the unquoted word).
  public static func postgresText(of elements: [String?]) -> String {
    "{" + elements.map { $0.map(String.quotedElement) ?? "NULL" }.joined(separator: ",") + "}"
  }
}

/// An Encodable value sent as JSON text, for json and jsonb columns.
public struct PostgresJSON<Value: Encodable>: PostgresBindable {
  public let value: Value

  /// Wraps a value to be encoded with Sera's JSON settings when bound.
  public init(_ value: Value) {
    self.value = value
  }

  public func postgresText() throws -> String? {
    do {
      return try SeraJSON.string(value)
    } catch {
      throw PostgresError(.parameter, "cannot encode \(Value.self) as JSON: \(error)")
    }
  }
}

/// Number spellings PostgreSQL's float input accepts, including the special values.
enum PostgresNumber {
  static func text<Number: BinaryFloatingPoint & LosslessStringConvertible>(
    _ value: Number
  ) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    return String(value)
  }
}

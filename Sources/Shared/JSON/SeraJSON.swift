import FoundationEssentials

/// The one JSON configuration Sera's own API and stored records use: sorted keys, ISO 8601 dates.
public enum SeraJSON {
  public static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }

  public static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }

  /// Encodes a value to UTF-8 JSON bytes.
  public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
    Array(try encoder().encode(value))
  }

  /// Encodes a value to a JSON string.
  public static func string<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try encoder().encode(value), as: UTF8.self)
  }

  /// Decodes a value from UTF-8 JSON bytes.
  public static func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws
    -> T
  {
    try decoder().decode(type, from: Data(bytes))
  }
}

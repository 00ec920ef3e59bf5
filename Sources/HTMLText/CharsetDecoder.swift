#if canImport(Glibc)
  import Glibc
#endif

/// Why bytes could not be turned into text.
public struct CharsetError: Error, CustomStringConvertible, Equatable {
  /// The charset asked for.
  public var charset: String
  /// What went wrong.
  public var problem: String

  public var description: String { "charset \(charset): \(problem)" }
}

/// Finds the charset of a page (byte order mark, HTTP header, `<meta>`) and converts its bytes to
/// UTF-8 with glibc's iconv, which knows windows-1251, KOI8-R and the other legacy charsets.
public enum CharsetDecoder {
  /// The charset named by a `Content-Type` value such as `text/html; charset=windows-1251`.
  public static func charset(inContentType value: String) -> String? {
    for parameter in value.split(separator: ";").dropFirst() {
      let pair = parameter.split(separator: "=", maxSplits: 1)
      guard pair.count == 2, pair[0].lowercased().filter({ !$0.isWhitespace }) == "charset"
      else { continue }
      let name = pair[1].filter { !$0.isWhitespace && $0 != "\"" && $0 != "'" }.lowercased()
      if !name.isEmpty { return name }
    }
    return nil
  }

  /// The charset a byte order mark announces, with the mark's length.
  public static func byteOrderMark(_ bytes: [UInt8]) -> (charset: String, length: Int)? {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("utf-8", 3) }
    if bytes.starts(with: [0xFF, 0xFE]) { return ("utf-16le", 2) }
    if bytes.starts(with: [0xFE, 0xFF]) { return ("utf-16be", 2) }
    return nil
  }

  /// The bytes as UTF-8 text, converted from `charset`; invalid input is an error, not guessed.
  public static func decode(_ bytes: [UInt8], charset: String) throws(CharsetError) -> String {
    let name = charset.lowercased()
    if name == "utf-8" || name == "utf8" {
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw CharsetError(charset: charset, problem: "bytes are not valid UTF-8")
      }
      return text
    }
    return try convert(bytes, from: name)
  }

  private static func convert(_ bytes: [UInt8], from charset: String) throws(CharsetError)
    -> String
  {
    let converter = iconv_open("UTF-8", charset)
    guard let converter, Int(bitPattern: converter) != -1 else {
      throw CharsetError(charset: charset, problem: "not a charset iconv knows")
    }
    defer { iconv_close(converter) }
    var input = bytes
    // UTF-8 of any single-byte charset is at most 3 bytes per byte, and UTF-16 at most 1.5.
    var output = [UInt8](repeating: 0, count: bytes.count * 3 + 4)
    let written = input.withUnsafeMutableBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer -> Int in
        var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?
          .assumingMemoryBound(to: CChar.self)
        var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?
          .assumingMemoryBound(to: CChar.self)
        var inLeft = inBuffer.count
        var outLeft = outBuffer.count
        let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
        return result == -1 ? -1 : outBuffer.count - outLeft
      }
    }
    guard written >= 0 else {
      throw CharsetError(charset: charset, problem: "bytes are not valid \(charset)")
    }
    return String(decoding: output[..<written], as: UTF8.self)
  }
}

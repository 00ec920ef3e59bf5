import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#endif

/// Typed, validated reads of environment variables.
struct Environment {
  let values: [String: String]

  func string(_ name: String, default fallback: String) -> String {
    guard let value = values[name]?.trimmed(), !value.isEmpty else {
      return fallback
    }
    return value
  }

  func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>)
    throws(ConfigurationError) -> Int
  {
    guard let text = values[name], !text.isEmpty else { return fallback }
    guard let value = Int(text), range.contains(value) else {
      throw ConfigurationError(
        variable: name,
        problem:
          "must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"")
    }
    return value
  }

  func port(_ name: String, default fallback: UInt16) throws(ConfigurationError) -> UInt16 {
    UInt16(try integer(name, default: Int(fallback), in: 1...65535))
  }

  /// A secret from `NAME`, or from the file `NAME_FILE` names, which must not be readable by others.
  func secret(_ name: String) throws(ConfigurationError) -> String? {
    if let value = values[name], !value.isEmpty { return value }
    guard let path = values[name + "_FILE"], !path.isEmpty else { return nil }
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw ConfigurationError(
        variable: name + "_FILE", problem: "names a file that cannot be read: \(path)")
    }
    guard info.st_mode & 0o077 == 0 else {
      throw ConfigurationError(
        variable: name + "_FILE", problem: "names a file others can read; run chmod 600 \(path)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigurationError(
        variable: name + "_FILE", problem: "names a file that cannot be read: \(path)")
    }
    return String(decoding: data, as: UTF8.self).trimmed()
  }
}

/// A `.env` file: `NAME=value` lines, `#` comments, optional quotes around values.
public enum EnvironmentFile {
  public static func load(path: String) throws -> [String: String] {
    guard let data = FileManager.default.contents(atPath: path) else { return [:] }
    return parse(String(decoding: data, as: UTF8.self))
  }

  public static func parse(_ text: String) -> [String: String] {
    var values: [String: String] = [:]
    for rawLine in text.split(whereSeparator: \.isNewline) {
      let line = rawLine.trimmed()
      if line.isEmpty || line.hasPrefix("#") { continue }
      let body = line.hasPrefix("export ") ? String(line.dropFirst(7)) : line
      guard let equals = body.firstIndex(of: "=") else { continue }
      let name = body[..<equals].trimmed()
      var value = body[body.index(after: equals)...].trimmed()
      if value.count >= 2, let first = value.first, first == "\"" || first == "'",
        value.last == first
      {
        value = String(value.dropFirst().dropLast())
      }
      values[name] = value
    }
    return values
  }
}

import FoundationEssentials
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// How much a log line matters.
public enum LogLevel: String, Sendable, Comparable {
  case debug
  case info
  case warning
  case error

  private var rank: Int {
    switch self {
    case .debug: return 0
    case .info: return 1
    case .warning: return 2
    case .error: return 3
    }
  }

  public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}

/// A value in a log line's fields.
public enum LogValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
  case string(String)
  case int(Int64)
  case double(Double)
  case bool(Bool)

  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int64) { self = .int(value) }
}

/// Writes one JSON object per line (`ts`, `level`, `event`, then the fields), the shape Loki and the
/// runbook's `grep '"level":"error"'` expect. Fields whose names look like secrets are redacted.
public final class Logger: Sendable {
  private let minimum: LogLevel
  private let sink: Mutex<Int32>
  private let baseFields: [(String, LogValue)]

  /// A logger writing to a file descriptor (stdout by default).
  public init(level: LogLevel = .info, fileDescriptor: Int32 = 1, fields: [(String, LogValue)] = [])
  {
    self.minimum = level
    self.sink = Mutex(fileDescriptor)
    self.baseFields = fields
  }

  public func debug(_ event: String, _ fields: [(String, LogValue)] = []) {
    log(.debug, event, fields)
  }
  public func info(_ event: String, _ fields: [(String, LogValue)] = []) {
    log(.info, event, fields)
  }
  public func warning(_ event: String, _ fields: [(String, LogValue)] = []) {
    log(.warning, event, fields)
  }
  public func error(_ event: String, _ fields: [(String, LogValue)] = []) {
    log(.error, event, fields)
  }

  public func log(_ level: LogLevel, _ event: String, _ fields: [(String, LogValue)]) {
    guard level >= minimum else { return }
    let line = Logger.render(level: level, event: event, fields: baseFields + fields, at: Date())
    sink.withLock { fd in
      line.utf8CString.withUnsafeBufferPointer { buffer in
        var offset = 0
        let count = buffer.count - 1  // without the terminating NUL
        while offset < count {
          let written = write(fd, buffer.baseAddress! + offset, count - offset)
          if written <= 0 { break }
          offset += written
        }
      }
    }
  }

  /// Names of fields whose values are never written: they may hold credentials.
  static let secretMarkers = ["password", "secret", "token", "api_key", "apikey", "authorization"]
  private static let secretMarkerBytes = secretMarkers.map { Array($0.utf8) }

  /// Whether a field name contains a secret marker, ignoring ASCII case. A byte search: the
  /// generic `String.contains` made rendering a quarter of a busy worker's CPU time.
  static func looksSecret(_ name: String) -> Bool {
    let lowered = name.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
    return secretMarkerBytes.contains { marker in
      guard lowered.count >= marker.count else { return false }
      for start in 0...(lowered.count - marker.count)
      where lowered[start..<(start + marker.count)].elementsEqual(marker) {
        return true
      }
      return false
    }
  }

  static func render(level: LogLevel, event: String, fields: [(String, LogValue)], at date: Date)
    -> String
  {
    var line = "{\"ts\":\"\(date.formatted(.iso8601))\",\"level\":\"\(level.rawValue)\",\"event\":"
    line += jsonString(event)
    for (name, value) in fields {
      line += "," + jsonString(name) + ":"
      if looksSecret(name) {
        line += "\"[redacted]\""
        continue
      }
      switch value {
      case .string(let text): line += jsonString(text)
      case .int(let number): line += String(number)
      case .double(let number): line += number.isFinite ? String(number) : "null"
      case .bool(let flag): line += flag ? "true" : "false"
      }
    }
    return line + "}\n"
  }

  /// A JSON string literal; every control character is escaped so one event stays on one line.
  static func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _
      where scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value):
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

import FoundationEssentials

/// Converts between `Date` and PostgreSQL's ISO timestamp text, to the microsecond PostgreSQL
/// keeps. Done by hand because FoundationEssentials' ISO 8601 style stops at milliseconds and does
/// not read PostgreSQL's `2024-05-01 10:00:00.5+00` output (space separator, hour-only offset).
enum PostgresTimestamp {
  private static let secondsPerDay: Int64 = 86_400

  // Beyond this (about the year 294 000) the microseconds no longer fit in an Int64, and
  // PostgreSQL's timestamptz ends there too.
  static let maxMagnitudeSeconds = 9_000_000_000_000.0

  /// `2024-05-01T10:00:00.123456Z`, which PostgreSQL reads as timestamptz in any session; nil
  /// for a date PostgreSQL cannot store (or NaN).
  static func format(_ date: Date) -> String? {
    let since1970 = date.timeIntervalSince1970
    guard since1970.magnitude < maxMagnitudeSeconds else { return nil }
    var micros = Int64((since1970 * 1_000_000).rounded())
    let fraction = ((micros % 1_000_000) + 1_000_000) % 1_000_000
    micros -= fraction
    let seconds = micros / 1_000_000
    let days = floorDivide(seconds, secondsPerDay)
    let secondOfDay = seconds - days * secondsPerDay
    let (year, month, day) = civil(fromDays: days)
    let time = [secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60]
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
      + time.map { pad($0, 2) }.joined(separator: ":") + "." + pad(fraction, 6) + "Z"
  }

  /// Reads `YYYY-MM-DD[ HH:MM:SS[.ffffff]][±HH[:MM]]`; nil for anything else (BC, infinity).
  static func parse(_ text: String) -> Date? {
    var scanner = Scanner(bytes: Array(text.utf8))
    guard let year = scanner.number(digits: 4), scanner.skip("-"),
      let month = scanner.number(digits: 2), scanner.skip("-"),
      let day = scanner.number(digits: 2)
    else { return nil }
    var seconds = days(fromYear: year, month: month, day: day) * secondsPerDay
    var micros: Int64 = 0
    if scanner.skip(" ") || scanner.skip("T") {
      guard let hour = scanner.number(digits: 2), scanner.skip(":"),
        let minute = scanner.number(digits: 2), scanner.skip(":"),
        let second = scanner.number(digits: 2)
      else { return nil }
      seconds += hour * 3600 + minute * 60 + second
      if scanner.skip(".") { micros = scanner.fraction() }
      guard let offset = scanner.offset() else { return nil }
      seconds -= offset
    }
    guard scanner.atEnd else { return nil }
    return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? a / b : (a - b + 1) / b
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (eras of 400 years, March-based years).
  private static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = floorDivide(y, 400)
    let yearOfEra = y - era * 400
    let shiftedMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The inverse of `days(fromYear:month:day:)`.
  private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = floorDivide(z, 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}

/// A cursor over ASCII bytes for the timestamp grammar above.
private struct Scanner {
  let bytes: [UInt8]
  var index = 0

  var atEnd: Bool { index == bytes.count }

  mutating func skip(_ character: Character) -> Bool {
    guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else {
      return false
    }
    index += 1
    return true
  }

  mutating func number(digits: Int) -> Int64? {
    guard index + digits <= bytes.count else { return nil }
    var value: Int64 = 0
    for byte in bytes[index..<index + digits] {
      guard (48...57).contains(byte) else { return nil }
      value = value * 10 + Int64(byte - 48)
    }
    index += digits
    return value
  }

  /// Up to six fraction digits as microseconds; PostgreSQL never sends more.
  mutating func fraction() -> Int64 {
    var value: Int64 = 0
    var count = 0
    while index < bytes.count, (48...57).contains(bytes[index]) {
      if count < 6 { value = value * 10 + Int64(bytes[index] - 48) }
      count += 1
      index += 1
    }
    for _ in count..<max(count, 6) { value *= 10 }
    return value
  }

  /// `Z`, `±HH`, `±HH:MM` or `±HH:MM:SS` as seconds east of UTC; 0 when absent.
  mutating func offset() -> Int64? {
    if atEnd { return 0 }
    if skip("Z") { return 0 }
    let sign: Int64
    if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
    guard let hours = number(digits: 2) else { return nil }
    var total = hours * 3600
    if skip(":") {
      guard let minutes = number(digits: 2) else { return nil }
      total += minutes * 60
      if skip(":") {
        guard let seconds = number(digits: 2) else { return nil }
        total += seconds
      }
    }
    return sign * total
  }
}

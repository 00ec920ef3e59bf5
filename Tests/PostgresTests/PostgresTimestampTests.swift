import FoundationEssentials
import Testing

@testable import Postgres

@Suite("PostgresTimestampTests")
struct PostgresTimestampTests {
  @Test("PostgreSQL's ISO output with an hour offset and short fraction parses")
  func parsesServerOutput() {
    let date = PostgresTimestamp.parse("2024-05-01 10:00:00.5+00")
    #expect(date == Date(timeIntervalSince1970: 1_714_557_600.5))
    let shifted = PostgresTimestamp.parse("2024-05-01 12:30:00+02:30")
    #expect(shifted == Date(timeIntervalSince1970: 1_714_557_600))
  }

  @Test("formatting then parsing keeps microseconds, before and after 1970")
  func formatsRoundTrip() {
    for seconds in [0, 1_714_557_600.123456, -86_400.25, 951_782_400] {
      let date = Date(timeIntervalSince1970: seconds)
      let parsed = PostgresTimestamp.format(date).flatMap(PostgresTimestamp.parse)
      #expect(parsed.map { abs($0.timeIntervalSince(date)) < 0.000_001 } == true)
    }
    #expect(
      PostgresTimestamp.format(Date(timeIntervalSince1970: 951_782_400))
        == "2000-02-29T00:00:00.000000Z")
  }

  @Test("a date PostgreSQL cannot store is refused, not a crash")
  func outOfRangeDatesAreRefused() {
    for seconds in [99_999_999_999_999.0, -1e300, .infinity, .nan] {
      #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: seconds)) == nil)
      #expect(throws: PostgresError.self) {
        try Date(timeIntervalSince1970: seconds).postgresText()
      }
    }
  }

  @Test("text that is not a timestamp is refused")
  func refusesGarbage() {
    #expect(PostgresTimestamp.parse("infinity") == nil)
    #expect(PostgresTimestamp.parse("2024-05-01 10:00") == nil)
    #expect(PostgresTimestamp.parse("2024-05-01 10:00:00 junk") == nil)
  }
}

import FoundationEssentials
import Testing

@testable import Shared

@Suite struct LoggerTests {
  @Test func aLineIsOneJSONObjectWithLevelEventAndFields() throws {
    let line = Logger.render(
      level: .info, event: "task_completed",
      fields: [("task_name", "generate_draft"), ("duration_ms", .double(12.5)), ("attempt", 1)],
      at: Date(timeIntervalSince1970: 0))
    #expect(line.hasSuffix("}\n"))
    #expect(line.filter { $0 == "\n" }.count == 1)
    let decoded = try JSONDecoder().decode([String: JSONValue].self, from: Data(line.utf8))
    #expect(decoded["level"] == .string("info"))
    #expect(decoded["event"] == .string("task_completed"))
    #expect(decoded["task_name"] == .string("generate_draft"))
    #expect(decoded["attempt"] == .int(1))
  }

  @Test func secretLookingFieldsAreRedacted() {
    let line = Logger.render(
      level: .info, event: "x",
      fields: [("api_key", "sk-live-123"), ("SLACK_BOT_TOKEN", "xoxb-9"), ("password", "p")],
      at: Date())
    #expect(!line.contains("sk-live-123"))
    #expect(!line.contains("xoxb-9"))
    #expect(line.contains("[redacted]"))
  }

  @Test(arguments: [
    ("Authorization", true), ("x_Secret_y", true), ("apikey", true), ("PassWord", true),
    ("task_name", false), ("toke", false), ("", false), ("секрет_token", true),
  ])
  func secretMarkersAreFoundAnywhereInTheNameIgnoringCase(name: String, secret: Bool) {
    #expect(Logger.looksSecret(name) == secret)
  }

  @Test func controlCharactersCannotBreakTheLine() {
    let line = Logger.render(
      level: .error, event: "evil\n{\"level\":\"info\"}", fields: [("t", "a\u{1B}[2Jb\u{2028}")],
      at: Date())
    #expect(line.filter { $0 == "\n" }.count == 1)
    #expect(!line.contains("\u{1B}"))
    #expect(line.contains("\\u001b"))
  }
}

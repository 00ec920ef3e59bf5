import Foundation
import SeraTUI
import Shared
import Testing

/// The dashboard as a user sees it: the real `seratui` under tmux against a live stack.
@Suite(.serialized) struct DashboardTests {
  /// Starts `seratui` for `stack` under tmux with a token of the given role.
  private func dashboard(
    _ stack: LiveStack, role: Role, width: Int = 120, height: Int = 40
  ) throws -> TmuxSession {
    let tokenFile = stack.workDirectory + "/token-\(role.rawValue)"
    try stack.token(role: role).write(toFile: tokenFile, atomically: true, encoding: .utf8)
    let command =
      "LANG=C.UTF-8 TERM=tmux-256color SWIFT_BACKTRACE=enable=no XDG_STATE_HOME=\(stack.workDirectory) "
      + "\(stack.binDirectory)/seratui --url \(stack.baseURL) --token-file \(tokenFile) --refresh 1"
    return try TmuxSession(
      command: command, width: width, height: height, environment: stack.environment)
  }

  @Test func aPhysicianRequestsApprovesAndPublishesFromKeysAlone() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    let tui = try dashboard(stack, role: .physician)
    defer { tui.kill() }

    #expect(tui.waitFor("role physician"), "\(tui.text())")
    for service in ["backend", "postgres", "redis", "worker", "scheduler"] {
      #expect(
        tui.screen().contains { $0.contains("│\(service)") && $0.contains(" UP ") },
        "\(service) not UP:\n\(tui.text())")
    }
    #expect(tui.text().contains("Queue"))
    #expect(tui.text().contains("Fail 1h"))
    #expect(tui.text().contains("LLM $"))

    tui.send("n")
    #expect(tui.waitFor("New draft"))
    tui.send("sleep hygiene for shift workers", literal: true)
    tui.send("Enter")
    tui.send("t")
    tui.send("Enter")
    tui.send("Enter")  // no source URL
    #expect(tui.waitFor("generated", seconds: 15), "\(tui.text())\n\(stack.logs())")
    #expect(tui.waitFor("knowledge-base sources"), "no sources in the detail:\n\(tui.text())")

    tui.send("a")
    #expect(tui.waitFor("approved"), "\(tui.text())")
    tui.send("p")
    tui.send("Enter")  // the draft's own platform is ticked
    #expect(tui.waitFor("Confirm"))
    tui.send("y")
    #expect(tui.waitFor("published", seconds: 15), "\(tui.text())\n\(stack.logs())")

    let outbox = try FileManager.default.subpathsOfDirectory(atPath: stack.outboxDirectory)
    #expect(outbox.contains { $0.hasPrefix("telegram/") && $0.hasSuffix(".txt") })
    let rows = try stack.sera(["tasks"])
    #expect(rows.status == 0)
  }

  @Test func anOnCallTokenSeesEverythingAndCanChangeNothing() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    let tui = try dashboard(stack, role: .oncall)
    defer { tui.kill() }

    #expect(tui.waitFor("role oncall"), "\(tui.text())")
    let footer = tui.screen().last { !$0.isEmpty } ?? ""
    for mutating in ["n:new", "a:approve", "r:reject", "p:publish", "R:reindex"] {
      #expect(!footer.contains(mutating), "footer offers \(mutating): \(footer)")
    }
    tui.send("n")
    #expect(tui.waitFor("read-only") || tui.waitFor("on-call"), "\(tui.text())")
    #expect(!tui.text().contains("New draft"))
  }

  @Test func redisGoingDownShowsWithinTwoRefreshesAndRecovers() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    let tui = try dashboard(stack, role: .physician)
    defer { tui.kill() }
    let redisRow = { tui.screen().first { $0.contains("│redis") } ?? "" }
    #expect(tui.waitFor("role physician"))
    #expect(waitUntil(seconds: 5) { redisRow().contains(" UP ") }, "\(tui.text())")

    stack.stopRedis()
    // Refresh is 1 s; two refreshes plus the backend's own probe timeout.
    #expect(waitUntil(seconds: 4) { redisRow().contains("DOWN") }, "\(tui.text())")

    try stack.startRedis()
    #expect(waitUntil(seconds: 6) { redisRow().contains(" UP ") }, "\(tui.text())")
  }

  @Test func wideAndEmojiTopicsKeepEveryBorderInItsColumnAt80x24() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    let token = try stack.token(role: .physician)
    let topics = [
      "Жовтяниця у дітей", "你好世界 клінічний випадок", "🧑‍💻 Новий протокол", "👍🏽 результати",
      "❤️ кардіологія", "🇺🇦 вакцинація", "e\u{301}tude", String(repeating: "довгий ", count: 30),
    ]
    for topic in topics {
      _ = try stack.call(
        QueuedDraft.self, "POST", "/api/v1/drafts", token: token,
        body: CreateDraftRequest(topic: String(topic.prefix(200)), platform: .telegram))
    }
    let tui = try dashboard(stack, role: .physician, width: 80, height: 24)
    defer { tui.kill() }
    #expect(tui.waitFor("Жовтяниця"), "\(tui.text())")
    #expect(waitUntil(seconds: 10) { !tui.text().contains("pending") })

    TextWidth.ensureUTF8Locale()
    let rows = tui.screen().prefix(24).filter { $0.hasPrefix("│") || $0.hasPrefix("┌") }
    #expect(rows.count > 10, "\(tui.text())")
    for row in rows {
      #expect(TextWidth.of(row) == 80, "row is \(TextWidth.of(row)) columns: \(row)")
      #expect(["│", "┐", "┘"].contains(row.last.map(String.init) ?? ""), "no right border: \(row)")
    }
  }
}

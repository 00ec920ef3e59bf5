import Foundation
import SeraTUI
import Shared
import Testing

/// Issue 5's acceptance loops, driven from keys alone against the real stack under tmux.
@Suite(.serialized) struct DashboardReviewLoopTests {
  /// Starts `seratui` with a token of `role`; `extra` goes before the command (e.g. EDITOR=...).
  private func dashboard(
    _ stack: LiveStack, role: Role, extra: String = "", width: Int = 120, height: Int = 40
  ) throws -> TmuxSession {
    let tokenFile = stack.workDirectory + "/token-\(role.rawValue)"
    try stack.token(role: role).write(toFile: tokenFile, atomically: true, encoding: .utf8)
    let command =
      "LANG=C.UTF-8 TERM=tmux-256color SWIFT_BACKTRACE=enable=no "
      + "XDG_STATE_HOME=\(stack.workDirectory) XDG_CONFIG_HOME=\(stack.workDirectory) \(extra) "
      + "\(stack.binDirectory)/seratui --url \(stack.baseURL) --token-file \(tokenFile) --refresh 1"
    return try TmuxSession(
      command: command, width: width, height: height, environment: stack.environment)
  }

  /// An editor that replaces the draft with a fixed text, as a physician's edit would.
  private func editorScript(_ stack: LiveStack) throws -> String {
    let path = stack.workDirectory + "/editor.sh"
    let script =
      "#!/bin/sh\nprintf 'Edited by the physician: sleep before night shifts.\\n' > \"$1\"\n"
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
    return path
  }

  @Test func aPhysicianEditsApprovesAndPublishesToTwoPlatformsFromKeysAlone() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    let editor = try editorScript(stack)
    let tui = try dashboard(stack, role: .physician, extra: "EDITOR=\(editor)")
    defer { tui.kill() }
    #expect(tui.waitFor("role physician"), "\(tui.text())")

    tui.send("n")
    #expect(tui.waitFor("New draft"))
    tui.send("night shift sleep", literal: true)
    tui.send("Enter")
    tui.send("t")
    tui.send("Enter")
    tui.send("Enter")  // no source URL
    #expect(tui.waitFor("generated", seconds: 20), "\(tui.text())\n\(stack.logs())")

    tui.send("e")
    #expect(tui.waitFor("Edited by the physician", seconds: 15), "\(tui.text())")
    tui.send("a")
    #expect(tui.waitFor("approved"), "\(tui.text())")
    tui.send("p")
    #expect(tui.waitFor("[x] Telegram"), "\(tui.text())")
    tui.send("h")
    tui.send("Enter")
    #expect(tui.waitFor("Telegram, Threads"), "confirm must name both:\n\(tui.text())")
    tui.send("y")
    #expect(tui.waitFor("published", seconds: 20), "\(tui.text())\n\(stack.logs())")

    let outbox = try FileManager.default.subpathsOfDirectory(atPath: stack.outboxDirectory)
    #expect(outbox.contains { $0.hasPrefix("telegram/") }, "\(outbox)")
    #expect(outbox.contains { $0.hasPrefix("threads/") }, "\(outbox)")
    let published = outbox.filter { $0.hasSuffix(".txt") }.compactMap {
      try? String(contentsOfFile: stack.outboxDirectory + "/" + $0, encoding: .utf8)
    }
    #expect(published.allSatisfy { $0.contains("Edited by the physician") }, "\(published)")
  }

  @Test func aQueueOf150WithTheWorkerStoppedRaisesTheRunbookAlertUntilTheWorkerIsBack() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    _ = stack.services["worker"]?.stop()
    let message = { (n: Int) in
      #"{"task_id":"e2e-\#(n)","task_name":"generate_draft","labels":{},"args":[],"#
        + #""kwargs":{"draft_id":"999999"}}"#
    }
    _ = try stack.redisCLI(["LPUSH", "seratonin_tasks"] + (0..<150).map(message))
    let tui = try dashboard(stack, role: .oncall)
    defer { tui.kill() }
    tui.send("o")
    let queueAlert = { tui.screen().first { $0.contains("ALERT queue") } ?? "" }
    #expect(waitUntil(seconds: 10) { queueAlert().contains("150 > 100") }, "\(tui.text())")
    #expect(queueAlert().contains("runbook: restart the worker"), "\(tui.text())")
    #expect(tui.text().contains("150 wait"))

    let worker = try ManagedProcess(
      name: "worker-again", executable: stack.binDirectory + "/sera", arguments: ["worker"],
      environment: stack.environment, logDirectory: stack.workDirectory)
    defer { _ = worker.stop() }
    #expect(
      waitUntil(seconds: 60) { !tui.text().contains("ALERT queue") },
      "\(tui.text())\n\(worker.log())")
  }

  @Test func anOnCallTokenSeesEveryPanelAndTheHelpListsNoChange() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    let tui = try dashboard(stack, role: .oncall)
    defer { tui.kill() }
    #expect(tui.waitFor("role oncall"), "\(tui.text())")
    for panel in ["Health", "Ops", "Drafts", "Detail"] { #expect(tui.text().contains(panel)) }
    tui.send("o")
    #expect(tui.waitFor("Dead tasks"), "\(tui.text())")
    tui.send("?")
    #expect(tui.waitFor("Keys"), "\(tui.text())")
    let help = tui.text()
    for binding in KeyRegistry.bindings where binding.isMutating {
      #expect(!help.contains(binding.help), "help offers \(binding.label)")
    }
    tui.send("Escape")
    for key in ["n", "a", "r", "e", "w", "s", "p", "F", "R", "D"] {
      tui.send(key)
      #expect(!tui.text().contains("New draft") && !tui.text().contains("Confirm"))
    }
  }
}

import Foundation

/// A detached tmux session running one program, for reading the screen a user would see.
final class TmuxSession: @unchecked Sendable {
  let name = "sera-e2e-" + UUID().uuidString.prefix(8).lowercased()
  private let environment: [String: String]

  init(command: String, width: Int, height: Int, environment: [String: String]) throws {
    self.environment = environment
    let result = try runCommand(
      "/usr/bin/tmux",
      ["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), command],
      environment: environment)
    guard result.status == 0 else { throw StackError.commandFailed(["tmux"], result.errors) }
  }

  /// The visible screen, one string per row.
  func screen() -> [String] {
    let result = try? runCommand(
      "/usr/bin/tmux", ["capture-pane", "-p", "-t", name], environment: environment)
    return (result?.output ?? "").components(separatedBy: "\n")
  }

  /// The screen as one string, for matching and failure messages.
  func text() -> String { screen().joined(separator: "\n") }

  /// Types keys (tmux key names such as `Enter`) or, with `literal`, text.
  func send(_ keys: String..., literal: Bool = false) {
    let arguments = ["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys
    _ = try? runCommand("/usr/bin/tmux", arguments, environment: environment)
  }

  func resize(width: Int, height: Int) {
    _ = try? runCommand(
      "/usr/bin/tmux",
      ["resize-window", "-t", name, "-x", String(width), "-y", String(height)],
      environment: environment)
  }

  /// Waits until the screen contains `text`; returns whether it did.
  func waitFor(_ text: String, seconds: Double = 10) -> Bool {
    waitUntil(seconds: seconds) { self.text().contains(text) }
  }

  /// A tmux format of the pane, such as `#{alternate_on}` or `#{pane_pid}`.
  func format(_ format: String) -> String {
    let result = try? runCommand(
      "/usr/bin/tmux", ["display-message", "-p", "-t", name, format], environment: environment)
    return (result?.output ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Writes raw bytes (two hex digits each) to the program, as a terminal would deliver them.
  func sendBytes(_ hex: String...) {
    _ = try? runCommand(
      "/usr/bin/tmux", ["send-keys", "-t", name, "-H"] + hex, environment: environment)
  }

  /// The screen with its escape sequences (colours, attributes), as `capture-pane -e` gives it.
  func styledText() -> String {
    let result = try? runCommand(
      "/usr/bin/tmux", ["capture-pane", "-e", "-p", "-t", name], environment: environment)
    return result?.output ?? ""
  }

  func kill() {
    _ = try? runCommand("/usr/bin/tmux", ["kill-session", "-t", name], environment: environment)
  }
}

import Foundation

/// A detached tmux session running one program, for reading the screen a user would see.
final class TmuxSession: @unchecked Sendable {
  let name = "sera-e2e-" + UUID().uuidString.prefix(8).lowercased()
  private let environment: [String: String]

  init(command: String, width: Int, height: Int, environment: [String: String]) throws {
    self.environment = environment
    // The first `new-session` starts the tmux server, which passes the signal mask it was spawned
    // with to every pane. The test runner's threads block SIGCHLD; spawn with a clean mask so the
    // server and the programs in its panes see their children exit.
    var none = sigset_t()
    var previous = sigset_t()
    sigemptyset(&none)
    pthread_sigmask(SIG_SETMASK, &none, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
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

  /// Appends everything the pane's programs write to the terminal, escape sequences included,
  /// to a file (`tmux pipe-pane`).
  func recordOutput(to path: String) {
    _ = try? runCommand(
      "/usr/bin/tmux", ["pipe-pane", "-t", name, "cat >> '\(path)'"], environment: environment)
  }

  /// Writes `first`, then after `gapSeconds` plus a tmux client's start-up (a few ms) `rest`,
  /// as two writes to the program. (`run-shell sleep` between two commands would be tighter, but
  /// a tmux server started from the test runner inherits its blocked SIGCHLD and never reaps.)
  func sendSplit(first: [String], rest: [String], gapSeconds: Double) {
    _ = try? runCommand(
      "/usr/bin/tmux", ["send-keys", "-t", name, "-H"] + first, environment: environment)
    usleep(useconds_t(gapSeconds * 1_000_000))
    _ = try? runCommand(
      "/usr/bin/tmux", ["send-keys", "-t", name, "-H"] + rest, environment: environment)
  }

  /// Types a command line into the pane's shell and presses Enter.
  func run(_ commandLine: String) {
    send(commandLine, literal: true)
    send("Enter")
  }

  /// The pid of the process named `command` among the pane's process and its descendants.
  func processId(named command: String) -> pid_t? {
    var queue = [format("#{pane_pid}")].compactMap { pid_t($0) }
    while !queue.isEmpty {
      let pid = queue.removeFirst()
      if processName(pid) == command { return pid }
      let children =
        (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8))
      queue += (children ?? "").split(separator: " ").compactMap { pid_t($0) }
    }
    return nil
  }
}

/// The command name of a live process; nil once it has exited (a zombie counts as exited).
func processName(_ pid: pid_t) -> String? {
  guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
    let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
  else { return nil }
  let state = stat[stat.index(after: close)...].split(separator: " ").first ?? ""
  guard state != "Z", state != "X" else { return nil }
  return String(stat[stat.index(after: open)..<close])
}

/// Colour in the terminal output: SGR sequences (`ESC [ … m`) with a colour parameter.
enum SGR {
  /// Each SGR sequence that sets a foreground or background colour (30–49, 90–107).
  static func colourSequences(in bytes: [UInt8]) -> [String] {
    sequences(in: bytes).filter { parameters in
      let numbers = parameters.split { $0 == ";" || $0 == ":" }.compactMap { Int($0) }
      return numbers.contains { (30...49).contains($0) || (90...107).contains($0) }
    }.map { "ESC[" + $0 + "m" }
  }

  /// The parameters of every SGR sequence, in order (`""` for a bare `ESC[m`).
  static func sequences(in bytes: [UInt8]) -> [String] {
    var found: [String] = []
    var index = 0
    while index + 1 < bytes.count {
      guard bytes[index] == 0x1B, bytes[index + 1] == UInt8(ascii: "[") else {
        index += 1
        continue
      }
      var end = index + 2
      while end < bytes.count, (0x30...0x3F).contains(bytes[end]) { end += 1 }
      if end < bytes.count, bytes[end] == UInt8(ascii: "m") {
        found.append(String(decoding: bytes[(index + 2)..<end], as: UTF8.self))
      }
      index = end
    }
    return found
  }
}

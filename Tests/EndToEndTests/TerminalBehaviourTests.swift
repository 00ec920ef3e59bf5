import Foundation
import Shared
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Table A.5's terminal scenarios with the real `seratui` under tmux: repaint cost (#4), NO_COLOR
/// (#6), TERM variants (#7), locales (#8), Esc and escape sequences (#10), the terminal restored
/// on every exit (#13), a vanished terminal (#14) and the cursor on the focus (#18).
///
/// Most runs need no backend: the dashboard points at a port nothing listens on and shows its
/// panels as DOWN and STALE, which is enough to judge the terminal.
@Suite(.serialized) struct TerminalBehaviourTests {
  private let work = NSTemporaryDirectory() + "sera-tui-" + UUID().uuidString.prefix(8)
  private let binary: String
  /// The tmux clients' environment: UTF-8, so `capture-pane` keeps box-drawing characters.
  private let tmuxEnvironment: [String: String]

  init() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let bin = ProcessInfo.processInfo.environment["SERA_BIN_DIR"] ?? root.path + "/.build/debug"
    binary = bin + "/seratui"
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = "C.UTF-8"
    tmuxEnvironment = environment
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
  }

  /// The shell command running `seratui` with only `variables` set, besides PATH, HOME and the
  /// XDG folders; by default against a port nothing listens on.
  private func command(
    _ variables: [String], _ arguments: [String] = [], url: String = "http://127.0.0.1:9"
  ) -> String {
    let clean = [
      "env", "-i", "PATH=/usr/bin:/bin", "HOME=\(work)", "XDG_CONFIG_HOME=\(work)/config",
      "XDG_STATE_HOME=\(work)/state", "SWIFT_BACKTRACE=enable=no",
    ]
    return (clean + variables + [binary, "--url", url, "--refresh", "1"] + arguments)
      .joined(separator: " ")
  }

  /// `seratui` as the pane's own process.
  private func dashboard(_ variables: [String], _ arguments: [String] = [], url: String? = nil)
    throws -> TmuxSession
  {
    let line = url.map { command(variables, arguments, url: $0) } ?? command(variables, arguments)
    return try TmuxSession(
      command: "exec " + line, width: 100, height: 30, environment: tmuxEnvironment)
  }

  /// An interactive shell in a wide pane, everything it shows recorded to `work/output`.
  private func shell() throws -> TmuxSession {
    let session = try TmuxSession(
      command: "env -i PATH=/usr/bin:/bin HOME=\(work) PS1='$ ' TERM=tmux-256color "
        + "bash --norc --noprofile", width: 200, height: 30, environment: tmuxEnvironment)
    session.recordOutput(to: output)
    return session
  }

  private var output: String { work + "/output" }

  /// A command prefix that runs the rest with every signal blocked, as a parent may hand them
  /// over (a tmux server started from a test runner passes such a mask to its panes).
  private static let blockingSignals =
    "python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, "
    + "signal.valid_signals()); os.execvp(sys.argv[1], sys.argv[1:])' "

  /// Runs `line` in the shell and waits for its exit code, printed as `sera-exit=N`.
  private func exitCode(of line: String, in shell: TmuxSession, seconds: Double = 10) -> Int? {
    shell.run(line + "; echo \"sera-exit=$?\"")
    var code: Int?
    _ = waitUntil(seconds: seconds) {
      code = shell.screen().lazy.compactMap(Self.exitCode(inLine:)).first
      return code != nil
    }
    return code
  }

  /// The code in a `sera-exit=N` line. On a terminal without an alternate screen (vt100,
  /// linux) the dashboard's last frame stays, and the shell prints over its bottom row, so the
  /// marker may be followed by what is left of that row.
  private static func exitCode(inLine line: String) -> Int? {
    guard let marker = line.range(of: "sera-exit=") else { return nil }
    return Int(String(line[marker.upperBound...].prefix { $0.isNumber }))
  }

  private func recorded() -> [UInt8] {
    Array((FileManager.default.contents(atPath: output)) ?? Data())
  }

  private func cleanUp() {
    try? FileManager.default.removeItem(atPath: work)
  }

  // MARK: A.5 #7: an unusable TERM is refused with one line naming the fix.

  @Test(arguments: ["TERM=foo", "", "TERM=dumb", "TERM=xterm-kitty TERMINFO="])
  func anUnusableTerminalTypeIsRefusedWithOneLineNamingTheFix(variables: String) throws {
    defer { cleanUp() }
    // The kitty case stands for a host without kitty's terminfo entry (no ncurses-term).
    let systemFolders = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"]
    if variables.contains("xterm-kitty"),
      systemFolders.contains(where: {
        FileManager.default.fileExists(atPath: $0 + "/x/xterm-kitty")
      })
    {
      return
    }
    let tui = try shell()
    defer { tui.kill() }
    let errors = work + "/errors"
    let variables = variables.split(separator: " ").map(String.init)
    let code = exitCode(of: command(variables) + " 2>\(errors)", in: tui)

    #expect(code != nil && code != 0, "exit code \(String(describing: code)):\n\(tui.text())")
    let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
    let lines = message.split(separator: "\n").filter { !$0.isEmpty }
    #expect(lines.count == 1, "stderr: \(message)")
    #expect(message.contains("TERM=xterm-256color"), "stderr: \(message)")
    #expect(tui.format("#{alternate_on}") == "0", "left a half-initialised screen")
  }

  // MARK: A.5 #8: every locale starts; line glyphs only when the locale is UTF-8.

  @Test(arguments: [
    ("", false), ("LC_ALL=C", false), ("LC_CTYPE=C.UTF-8", true), ("LANG=en_US.utf8", true),
  ])
  func everyLocaleStartsAndOnlyUTF8OnesGetLineGlyphs(variable: String, unicode: Bool) throws {
    defer { cleanUp() }
    let tui = try dashboard(["TERM=tmux-256color"] + (variable.isEmpty ? [] : [variable]))
    defer { tui.kill() }

    #expect(tui.waitFor("Health"), "did not start:\n\(tui.text())")
    #expect(tui.waitFor("DOWN"), "\(tui.text())")
    let screen = tui.text()
    if unicode {
      #expect(screen.contains("┌─ Health"), "\(screen)")
    } else {
      #expect(screen.contains("+- Health"), "\(screen)")
      let foreign = screen.unicodeScalars.filter { $0.value > 0x7E }
      #expect(
        foreign.isEmpty,
        "non-ASCII on an ASCII screen: \(String(String.UnicodeScalarView(foreign)))")
    }
  }

  // MARK: A.5 #6: NO_COLOR and --no-color send no colour at all.

  @Test(arguments: [("NO_COLOR=1", ""), ("", "--no-color")])
  func noColorSendsNoColourSequencesAndStatesStayReadable(variable: String, flag: String)
    throws
  {
    defer { cleanUp() }
    let (colours, screen) = try runAndQuit(
      ["TERM=tmux-256color", "LANG=C.UTF-8"] + (variable.isEmpty ? [] : [variable]),
      flag.isEmpty ? [] : [flag])
    #expect(colours.isEmpty, "colour sequences: \(colours.prefix(5))")
    for word in ["DOWN", "UP", "STALE"] {
      #expect(screen.contains(word), "\(word) missing:\n\(screen)")
    }
  }

  /// The detector's control: with colours on, the same run does send colour sequences.
  @Test func withColoursOnTheSameRunSendsColourSequences() throws {
    defer { cleanUp() }
    let (colours, _) = try runAndQuit(["TERM=tmux-256color", "LANG=C.UTF-8"], [])
    #expect(!colours.isEmpty)
  }

  /// Runs the dashboard from a shell until its panels show, quits with `q`, and returns the
  /// colour sequences it wrote and the screen it showed.
  private func runAndQuit(_ variables: [String], _ arguments: [String]) throws
    -> (colours: [String], screen: String)
  {
    let tui = try shell()
    defer { tui.kill() }
    tui.run(command(variables, arguments) + "; echo \"sera-exit=$?\"")
    #expect(tui.waitFor("STALE"), "\(tui.text())")
    #expect(tui.waitFor("DOWN"), "\(tui.text())")
    let screen = tui.text()
    tui.send("q")
    #expect(waitUntil(seconds: 10) { tui.screen().contains { Self.exitCode(inLine: $0) == 0 } })
    return (SGR.colourSequences(in: recorded()), screen)
  }

  // MARK: A.5 #13: the terminal is restored on every exit path.

  @Test(arguments: [
    "q", "SIGINT", "SIGTERM", "SIGHUP", "SIGTERM with signals blocked", "SIGSEGV",
    "SIGILL as from fatalError", "SIGABRT",
  ])
  func theTerminalIsRestoredOnEveryExitPath(path: String) throws {
    defer { cleanUp() }
    let tui = try shell()
    defer { tui.kill() }
    let prefix = path.hasSuffix("blocked") ? Self.blockingSignals : ""
    tui.run(prefix + command(["TERM=tmux-256color", "LANG=C.UTF-8"]) + "; echo \"sera-exit=$?\"")
    #expect(tui.waitFor("Health"), "\(tui.text())")
    #expect(tui.format("#{alternate_on}") == "1")

    let quits = ["SIGINT": SIGINT, "SIGTERM": SIGTERM, "SIGHUP": SIGHUP]
    let faults = ["SIGSEGV": SIGSEGV, "SIGILL": SIGILL, "SIGABRT": SIGABRT]
    let name = String(path.prefix { $0 != " " })
    var expectedExit: Int32 = 0
    if let signal = quits[name] ?? faults[name] {
      let pid = try #require(tui.processId(named: "seratui"))
      kill(pid, signal)
      if faults[name] != nil { expectedExit = 128 + signal }
    } else {
      tui.send(path)
    }
    // A quit signal must be handled (exit code 0): bash repairs the tty modes itself after a
    // program killed by a signal, which would hide a broken teardown. A fault still kills the
    // process, after the terminal was put back; then the alternate screen is what tells.
    #expect(
      waitUntil(seconds: 10) {
        tui.screen().contains { Self.exitCode(inLine: $0) == Int(expectedExit) }
      }, "\(tui.text())")

    let stty = work + "/stty"
    tui.run("stty -a > \(stty).tmp; mv \(stty).tmp \(stty)")
    #expect(waitUntil(seconds: 10) { FileManager.default.fileExists(atPath: stty) })
    let modes = ((try? String(contentsOfFile: stty, encoding: .utf8)) ?? "")
      .split { $0 == " " || $0 == "\n" || $0 == ";" }.map(String.init)
    #expect(modes.contains("echo") && modes.contains("icanon"), "\(modes)")
    #expect(tui.format("#{alternate_on}") == "0", "still on the alternate screen")
    #expect(tui.format("#{cursor_flag}") == "1", "cursor left hidden")
    let last = SGR.sequences(in: recorded()).last
    #expect(last == "" || last == "0", "attributes left set: ESC[\(last ?? "none")m")
  }

  // MARK: A.5 #14: the terminal vanishing ends the program.

  @Test func closingTheTerminalEndsTheProgramWithinTwoSeconds() throws {
    defer { cleanUp() }
    let tui = try dashboard(["TERM=tmux-256color", "LANG=C.UTF-8"])
    defer { tui.kill() }
    #expect(tui.waitFor("Health"), "\(tui.text())")
    let pid = try #require(tui.processId(named: "seratui"))

    tui.kill()
    #expect(waitUntil(seconds: 2) { processName(pid) == nil }, "seratui \(pid) still running")
  }

  // MARK: A.5 #10: Esc acts at once; unknown sequences never become text.

  @Test func aLoneEscClosesHelpAtOnceAndUnknownSequencesStayOutOfTheSearchBox() throws {
    defer { cleanUp() }
    let tui = try dashboard(["TERM=tmux-256color", "LANG=C.UTF-8"])
    defer { tui.kill() }
    #expect(tui.waitFor("Health"), "\(tui.text())")

    tui.send("?")
    #expect(tui.waitFor(Catalogue.Dashboard.Dialog.helpTitle), "\(tui.text())")
    tui.sendBytes("1b")
    #expect(
      waitUntil(seconds: 1) { !tui.text().contains(Catalogue.Dashboard.Dialog.helpTitle) },
      "Esc did not close help within 1 s")

    tui.send("/")
    #expect(tui.waitFor(Catalogue.Dashboard.Dialog.searchTitle), "\(tui.text())")
    tui.sendBytes("1b", "5b", "32", "37", "75")  // ESC[27u, a kitty-protocol Esc
    tui.sendBytes("1b", "6a")  // Alt-j
    tui.sendBytes("1b", "5b", "31", "3b", "35", "43")  // Ctrl-Right
    tui.send("abc", literal: true)
    #expect(tui.waitFor("/abc_"), "\(tui.text())")
    #expect(tui.text().contains(Catalogue.Dashboard.Dialog.searchTitle), "the search box closed")
  }

  // MARK: Against a live stack: the cursor on the selection (#18), split arrows (#10), #4.

  /// The variables and arguments that point `seratui` at `stack` with a physician's token.
  private func liveArguments(_ stack: LiveStack) throws -> (
    variables: [String], arguments: [String]
  ) {
    let tokenFile = work + "/token"
    try stack.token(role: .physician).write(toFile: tokenFile, atomically: true, encoding: .utf8)
    let probes = ["POSTGRES_HOST", "POSTGRES_PORT", "REDIS_HOST", "REDIS_PORT"].map {
      "\($0)=\(stack.environment[$0] ?? "")"
    }
    return (["TERM=tmux-256color", "LANG=C.UTF-8"] + probes, ["--token-file", tokenFile])
  }

  /// Asks the stack's backend for a Telegram draft on each topic, as a physician.
  private static func createDrafts(_ topics: [String], on stack: LiveStack) throws {
    let token = try stack.token(role: .physician)
    for topic in topics {
      _ = try stack.call(
        QueuedDraft.self, "POST", "/api/v1/drafts", token: token,
        body: CreateDraftRequest(topic: topic, platform: .telegram))
    }
  }

  @Test func theCursorRestsOnTheSelectedDraftAndSplitArrowSequencesMoveIt() throws {
    defer { cleanUp() }
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    try Self.createDrafts(
      ["vitamin D in winter", "sleep hygiene", "hand washing", "tick bites"], on: stack)
    let (variables, arguments) = try liveArguments(stack)
    let tui = try dashboard(variables, arguments, url: stack.baseURL)
    defer { tui.kill() }
    #expect(tui.waitFor("tick bites"), "\(tui.text())")
    #expect(tui.waitFor("vitamin D"), "\(tui.text())")

    let cursor = { () -> (column: Int, row: Int) in
      let parts = tui.format("#{cursor_x} #{cursor_y}").split(separator: " ").compactMap { Int($0) }
      return parts.count == 2 ? (parts[0], parts[1]) : (-1, -1)
    }
    let onADraftRow = {
      let position = cursor()
      let screen = tui.screen()
      return position.column == 0 && position.row < screen.count
        && screen[position.row].hasPrefix("│#")
    }
    // Sampled while settled: a frame being written moves the cursor for an instant.
    let settledRow = { (fits: () -> Bool) -> Int? in
      var settled: Int?
      _ = waitUntil(seconds: 5) {
        let row = cursor().row
        guard fits(), cursor().row == row else { return false }
        settled = row
        return true
      }
      return settled
    }
    let first = try #require(settledRow(onADraftRow), "cursor \(cursor()):\n\(tui.text())")

    tui.send("j")
    #expect(waitUntil(seconds: 5) { cursor().row == first + 1 }, "cursor \(cursor())")
    #expect(waitUntil(seconds: 2, onADraftRow), "cursor \(cursor()):\n\(tui.text())")

    // ESC, then `[B` about 10 ms later: one Down key, as over a slow link.
    #expect(
      splitSequenceMoves(tui, to: first + 2, cursor: { cursor().row }, hex: ["5b", "42"]),
      "split ESC [ B did not move the selection: cursor \(cursor())")
    #expect(
      splitSequenceMoves(tui, to: first + 1, cursor: { cursor().row }, hex: ["5b", "41"]),
      "split ESC [ A did not move the selection: cursor \(cursor())")
    #expect(waitUntil(seconds: 2, onADraftRow), "cursor \(cursor()):\n\(tui.text())")

    // In a dialog the cursor rests on the focused field's marker.
    let onTheFocusMarker = {
      let position = cursor()
      let screen = tui.screen()
      guard position.row >= 0, position.row < screen.count else { return false }
      let row = Array(screen[position.row])
      return position.column < row.count && row[position.column] == ">"
    }
    tui.send("n")
    #expect(tui.waitFor("New draft"), "\(tui.text())")
    let topicRow = try #require(
      settledRow(onTheFocusMarker), "cursor \(cursor()):\n\(tui.text())")
    tui.send("Tab")
    #expect(waitUntil(seconds: 5) { cursor().row == topicRow + 1 && onTheFocusMarker() })
  }

  /// Sends ESC, then about 10 ms later the rest of a sequence, and reports whether the cursor
  /// reached `row`. The gap includes a tmux client's start-up and can outgrow the 25 ms escape
  /// delay on a loaded machine; a miss leaves the selection where it was (ESC and the letters
  /// are bound to nothing there), so up to three attempts are made.
  private func splitSequenceMoves(
    _ tui: TmuxSession, to row: Int, cursor: () -> Int, hex: [String]
  ) -> Bool {
    for _ in 0..<3 {
      tui.sendSplit(first: ["1b"], rest: hex, gapSeconds: 0.01)
      if waitUntil(seconds: 2, { cursor() == row }) { return true }
    }
    return false
  }

  @Test func unchangedDataCostsFewBytesPerRefreshAndNoFullClear() throws {
    defer { cleanUp() }
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    let (variables, arguments) = try liveArguments(stack)
    let tui = try shell()
    defer { tui.kill() }
    tui.run(command(variables, arguments, url: stack.baseURL))
    #expect(tui.waitFor("role physician"), "\(tui.text())")
    let upRows = { tui.screen().filter { $0.hasPrefix("│") && $0.contains(" UP ") }.count }
    #expect(waitUntil(seconds: 10) { upRows() >= 5 }, "\(tui.text())")
    #expect(waitUntil(seconds: 10) { tui.text().contains("no drafts") }, "\(tui.text())")

    // A measuring window, not a wait for a condition: about four 1 s refreshes.
    let before = recorded().count
    let started = Date()
    usleep(4_000_000)
    let written = recorded().count - before
    let refreshes = max(1, Date().timeIntervalSince(started).rounded(.down))
    #expect(Double(written) / refreshes < 1024, "\(written) bytes over \(refreshes) refreshes")
    #expect(Self.fullClears(in: recorded()) == 1, "the screen was cleared more than once")
  }

  // MARK: A.5 #3: a resize storm with a dialog open keeps the dialog and the selection.

  @Test func aResizeStormWithTheNewDraftDialogOpenKeepsTheDialogAndTheSelection() throws {
    defer { cleanUp() }
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    try Self.createDrafts(["alpha topic", "bravo topic", "charlie topic"], on: stack)
    let (variables, arguments) = try liveArguments(stack)
    let tui = try dashboard(variables, arguments, url: stack.baseURL)
    defer { tui.kill() }
    tui.resize(width: 80, height: 24)
    #expect(tui.waitFor("charlie topic"), "\(tui.text())")
    tui.send("j")
    // The draft id at the start of the row the cursor rests on (the rest of the row depends
    // on the width).
    let selected = { () -> String? in
      let row = Int(tui.format("#{cursor_y}")) ?? -1
      let screen = tui.screen()
      guard row >= 0, row < screen.count, screen[row].hasPrefix("│#") else { return nil }
      return String(screen[row].dropFirst().prefix { !$0.isWhitespace })
    }
    var before: String?
    #expect(
      waitUntil(seconds: 5) {
        before = selected()
        return before != nil && before == selected()
      }, "\(tui.text())")
    tui.send("n")
    #expect(tui.waitFor("New draft"), "\(tui.text())")
    tui.send("storm test", literal: true)
    #expect(tui.waitFor("storm test_"), "\(tui.text())")
    let pid = try #require(tui.processId(named: "seratui"))

    for (width, height) in [(80, 24), (20, 5), (1, 1), (200, 60), (79, 23)] {
      tui.resize(width: width, height: height)
      usleep(50_000)
    }
    tui.resize(width: 20, height: 5)
    #expect(tui.waitFor("need"), "no too-small screen at 20x5:\n\(tui.text())")
    tui.resize(width: 100, height: 30)
    #expect(tui.waitFor("storm test_"), "the dialog or its text was lost:\n\(tui.text())")
    #expect(processName(pid) != nil, "seratui exited during the resizes")
    tui.send("Escape")
    #expect(waitUntil(seconds: 5) { !tui.text().contains("New draft") }, "\(tui.text())")
    #expect(
      waitUntil(seconds: 5) { selected() == before },
      "selection moved: \(selected() ?? "none") instead of \(before ?? "none")")
  }

  /// Keys pressed while only the "too small" notice shows act on nothing unseen.
  @Test func keysDoNothingWhileTheTerminalIsTooSmall() throws {
    defer { cleanUp() }
    let tui = try dashboard(["TERM=tmux-256color", "LANG=C.UTF-8"])
    defer { tui.kill() }
    #expect(tui.waitFor("Health"), "\(tui.text())")
    tui.resize(width: 30, height: 10)
    #expect(tui.waitFor("need"), "\(tui.text())")
    tui.send("?")
    tui.send("n")
    tui.send("abc", literal: true)
    tui.resize(width: 100, height: 30)
    #expect(tui.waitFor("Health"), "\(tui.text())")
    #expect(!tui.text().contains("New draft") && !tui.text().contains("Keys ("), "\(tui.text())")
    tui.send("q")
    #expect(waitUntil(seconds: 5) { tui.processId(named: "seratui") == nil })
  }

  // MARK: A.5 #19: a backend that stops answering turns the panels STALE, and they recover.

  @Test func panelsTurnStaleWhenTheBackendStopsAndRecoverWhenItIsBack() throws {
    defer { cleanUp() }
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    let (variables, arguments) = try liveArguments(stack)
    let tui = try dashboard(variables, arguments, url: stack.baseURL)
    defer { tui.kill() }
    let upRows = { tui.screen().filter { $0.hasPrefix("│") && $0.contains(" UP ") }.count }
    #expect(waitUntil(seconds: 10) { upRows() >= 5 }, "\(tui.text())")
    #expect(!tui.text().contains("STALE"))

    _ = stack.services["backend"]?.stop(signal: SIGTERM, seconds: 5)
    // Three missed 1 s refreshes, with room for a loaded machine.
    #expect(tui.waitFor("STALE", seconds: 15), "\(tui.text())")
    // PostgreSQL and Redis the dashboard checks itself; what only the backend knows is no
    // longer shown as current.
    let row = { (service: String) in
      tui.screen().first { $0.hasPrefix("│" + service + " ") } ?? ""
    }
    #expect(waitUntil(seconds: 5) { row("backend").contains("DOWN") }, "\(tui.text())")
    for service in ["worker", "scheduler"] {
      #expect(!row(service).contains(" UP "), "\(service) still shown UP:\n\(tui.text())")
    }

    let backend = try ManagedProcess(
      name: "backend-again", executable: stack.binDirectory + "/sera", arguments: ["serve"],
      environment: stack.environment, logDirectory: stack.workDirectory)
    defer { _ = backend.stop(signal: SIGTERM, seconds: 5) }
    #expect(waitUntil(seconds: 20) { !tui.text().contains("STALE") }, "\(tui.text())")
    #expect(waitUntil(seconds: 10) { upRows() >= 5 }, "\(tui.text())")
  }

  // MARK: A.5 #5 and #17: other terminal types start; the mouse is never captured.

  @Test(arguments: ["xterm-256color", "screen-256color", "xterm", "linux", "vt100"])
  func otherTerminalTypesStartAndLeaveTheMouseAlone(term: String) throws {
    defer { cleanUp() }
    let tui = try shell()
    defer { tui.kill() }
    tui.run(command(["TERM=\(term)", "LANG=C.UTF-8"]) + "; echo \"sera-exit=$?\"")
    #expect(tui.waitFor("STALE"), "\(tui.text())")
    #expect(tui.waitFor("Health"), "\(tui.text())")
    tui.send("q")
    #expect(waitUntil(seconds: 10) { tui.screen().contains { Self.exitCode(inLine: $0) == 0 } })
    let written = String(decoding: recorded(), as: UTF8.self)
    for mode in ["9", "1000", "1001", "1002", "1003", "1005", "1006", "1015"] {
      #expect(!written.contains("\u{1B}[?\(mode)h"), "mouse mode \(mode) switched on")
    }
    if term == "vt100" {
      #expect(SGR.colourSequences(in: recorded()).isEmpty, "colours sent to a vt100")
    }
  }

  /// How many times the output clears the whole screen (`ESC[2J`, or tmux's `ESC[H ESC[J`).
  static func fullClears(in bytes: [UInt8]) -> Int {
    let text = String(decoding: bytes, as: UTF8.self)
    return text.components(separatedBy: "\u{1B}[2J").count - 1
      + text.components(separatedBy: "\u{1B}[H\u{1B}[J").count - 1
  }
}

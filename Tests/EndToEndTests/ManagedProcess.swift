import Foundation

/// A child process of a test, with its output in a log file, stopped when the test is done.
///
/// Children are started with `posix_spawn` and reaped with `waitpid` on their own pid, not with
/// Foundation's `Process`, whose SIGCHLD bookkeeping lost the exit of short-lived clients (tmux)
/// under parallel tests and left `waitUntilExit` waiting forever.
final class ManagedProcess: @unchecked Sendable {
  let name: String
  let logPath: String
  let pid: pid_t
  private var exitStatus: Int32?

  init(
    name: String, executable: String, arguments: [String], environment: [String: String],
    logDirectory: String
  ) throws {
    self.name = name
    self.logPath = logDirectory + "/" + name + ".log"
    self.pid = try spawn(
      executable, arguments, environment: environment, output: logPath, errors: logPath)
  }

  var isRunning: Bool {
    if exitStatus != nil { return false }
    var status: Int32 = 0
    let reaped = waitpid(pid, &status, WNOHANG)
    if reaped == pid || (reaped == -1 && errno == ECHILD) {
      exitStatus = exitCode(fromWaitStatus: status)
      return false
    }
    return true
  }

  /// Sends a signal and waits up to `seconds` for the process to exit; returns its exit code.
  @discardableResult
  func stop(signal: Int32 = SIGTERM, seconds: Double = 35) -> Int32? {
    guard isRunning else { return exitStatus }
    kill(pid, signal)
    let deadline = Date().addingTimeInterval(seconds)
    while isRunning && Date() < deadline { usleep(20_000) }
    if isRunning {
      kill(pid, SIGKILL)
      while isRunning { usleep(10_000) }
      return nil
    }
    return exitStatus
  }

  /// The process's log so far, for failure messages.
  func log() -> String {
    (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
  }

  deinit {
    if isRunning {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      _ = waitpid(pid, &status, 0)
    }
  }
}

/// Runs a command to completion: its exit code, standard output, and standard error.
///
/// Both streams go to files, not pipes: a command that leaves a daemon behind (the first
/// `tmux new-session` starts the tmux server) would otherwise hold a pipe open forever.
@discardableResult
func runCommand(_ executable: String, _ arguments: [String], environment: [String: String]) throws
  -> (status: Int32, output: String, errors: String)
{
  let base = NSTemporaryDirectory() + "sera-command-" + UUID().uuidString
  let outputPath = base + ".out"
  let errorPath = base + ".err"
  defer {
    for path in [outputPath, errorPath] { try? FileManager.default.removeItem(atPath: path) }
  }
  let pid = try spawn(
    executable, arguments, environment: environment, output: outputPath, errors: errorPath)
  var status: Int32 = 0
  while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
  let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
  let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
  return (exitCode(fromWaitStatus: status), output, errors)
}

/// Starts a program with standard input from /dev/null and its output appended to files.
private func spawn(
  _ executable: String, _ arguments: [String], environment: [String: String], output: String,
  errors: String
) throws -> pid_t {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  let flags = O_WRONLY | O_CREAT | O_APPEND
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, output, flags, 0o600)
  if errors == output {
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
  } else {
    posix_spawn_file_actions_addopen(&actions, 2, errors, flags, 0o600)
  }
  let argv = ([executable] + arguments).map { strdup($0) } + [nil]
  let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer { for pointer in argv + envp { free(pointer) } }
  var pid = pid_t()
  let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
  guard result == 0 else {
    throw StackError.commandFailed([executable], String(cString: strerror(result)))
  }
  return pid
}

/// The shell's view of a wait status: the exit code, or 128 + the signal that ended it.
private func exitCode(fromWaitStatus status: Int32) -> Int32 {
  let signal = status & 0x7F
  return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
}

/// A TCP port on loopback that nothing listens on right now.
func freeLoopbackPort() -> UInt16 {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  address.sin_port = 0
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  _ = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
      bind(fd, pointer, length)
      return getsockname(fd, pointer, &length)
    }
  }
  return UInt16(bigEndian: address.sin_port)
}

/// Polls `condition` every 100 ms until it holds or `seconds` pass; returns whether it held.
func waitUntil(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  repeat {
    if try condition() { return true }
    usleep(100_000)
  } while Date() < deadline
  return try condition()
}

import Foundation

/// A child process of a test, with its output in a log file, stopped when the test is done.
final class ManagedProcess: @unchecked Sendable {
  let name: String
  let logPath: String
  private let process = Process()

  init(
    name: String, executable: String, arguments: [String], environment: [String: String],
    logDirectory: String
  ) throws {
    self.name = name
    self.logPath = logDirectory + "/" + name + ".log"
    _ = FileManager.default.createFile(atPath: logPath, contents: nil)
    let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    process.standardOutput = log
    process.standardError = log
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  var pid: Int32 { process.processIdentifier }
  var isRunning: Bool { process.isRunning }

  /// Sends a signal and waits up to `seconds` for the process to exit; returns its exit code.
  @discardableResult
  func stop(signal: Int32 = SIGTERM, seconds: Double = 35) -> Int32? {
    guard process.isRunning else { return process.terminationStatus }
    kill(process.processIdentifier, signal)
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      return nil
    }
    return process.terminationStatus
  }

  /// The process's log so far, for failure messages.
  func log() -> String {
    (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
  }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }
}

/// Runs a command to completion: its exit code, standard output, and standard error.
///
/// Both streams go to files, not pipes: a command that leaves a daemon behind (the first
/// `tmux new-session` starts the tmux server) would otherwise hold the pipe open forever.
@discardableResult
func runCommand(_ executable: String, _ arguments: [String], environment: [String: String]) throws
  -> (status: Int32, output: String, errors: String)
{
  let process = Process()
  let base = NSTemporaryDirectory() + "sera-command-" + UUID().uuidString
  let outputPath = base + ".out"
  let errorPath = base + ".err"
  for path in [outputPath, errorPath] {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
  }
  defer {
    for path in [outputPath, errorPath] { try? FileManager.default.removeItem(atPath: path) }
  }
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  process.environment = environment
  process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
  process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
  process.standardInput = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
  let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
  return (process.terminationStatus, output, errors)
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

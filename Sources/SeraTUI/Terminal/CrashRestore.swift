import CNCurses

#if canImport(Glibc)
  import Glibc
#endif

/// Puts the terminal back when the process dies of a fault: SIGSEGV, SIGBUS, SIGFPE, SIGABRT,
/// and SIGILL or SIGTRAP from a Swift trap such as `fatalError`. Those skip every `defer`, so
/// without this the shell is left on the alternate screen (A.5 #13).
///
/// A signal handler may only do async-signal-safe work, so all it needs is prepared up front:
/// the tty modes from before ncurses changed them and the terminal's own strings for leaving the
/// alternate screen, showing the cursor and resetting attributes. The handler writes those,
/// restores the modes, puts back the handler that was there before (the Swift runtime's
/// backtracer, or the default action) and raises the signal again.
enum CrashRestore {
  static let signals = [SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL, SIGTRAP]

  /// Set once by `saveModes` and `install` on the UI thread before any handler can run, and only
  /// read afterwards, by the handler; plain C storage, so the handler touches no Swift runtime.
  private nonisolated(unsafe) static var modes = termios()
  private nonisolated(unsafe) static var haveModes = false
  private nonisolated(unsafe) static var reset = UnsafeMutableBufferPointer<UInt8>.allocate(
    capacity: 0)
  private nonisolated(unsafe) static var previous = UnsafeMutableBufferPointer<sigaction>
    .allocate(capacity: 0)

  /// Remembers the terminal's modes; call before ncurses starts.
  static func saveModes() {
    haveModes = tcgetattr(0, &modes) == 0
  }

  /// Installs the handlers; call once ncurses has loaded the terminal's capabilities.
  static func install() {
    let bytes = ["rmcup", "cnorm", "sgr0", "rmkx"].flatMap(capability) + Array("\r\n".utf8)
    reset = .allocate(capacity: bytes.count)
    _ = reset.initialize(from: bytes)
    previous = .allocate(capacity: signals.count)
    for (index, number) in signals.enumerated() {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = handler
      action.sa_flags = 0
      sigemptyset(&action.sa_mask)
      sigaction(number, &action, &previous[index])
    }
  }

  /// A terminfo string capability's bytes, or none when the terminal lacks it.
  private static func capability(_ name: String) -> [UInt8] {
    guard let value = tigetstr(name), UInt(bitPattern: value) != UInt.max else { return [] }
    return Array(String(cString: value).utf8)
  }

  private static let handler: @convention(c) (Int32) -> Void = { number in
    _ = write(1, CrashRestore.reset.baseAddress, CrashRestore.reset.count)
    if CrashRestore.haveModes { _ = tcsetattr(0, TCSADRAIN, &CrashRestore.modes) }
    for (index, candidate) in CrashRestore.signals.enumerated() where candidate == number {
      sigaction(number, &CrashRestore.previous[index], nil)
    }
    raise(number)
  }
}

import Foundation
import Shared
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The `seratui` program: options, then the UI loop on this thread and the client on its own.
public enum App {
  /// Runs the dashboard and returns the process exit code (2 for usage and terminal problems).
  public static func main(arguments: [String], environment: [String: String]) -> Int32 {
    let options: Options
    let paths: Paths
    let theme: Theme
    do throws(Options.UsageError) {
      let configText = Paths.read(ConfigFile.path(environment: environment))
      options = try Options.parse(arguments, environment: environment, configText: configText)
      paths = Paths(options: options, environment: environment)
      if let file = options.tokenFile, paths.token == nil, options.mode == .run {
        throw Options.UsageError(
          message: "cannot read a token from \(file) (missing, unreadable or empty); "
            + "make one with `sera token create --role physician --user NAME`")
      }
      theme = try paths.theme(named: options.themeName)
    } catch {
      printError("seratui: \(error.message)")
      return 2
    }
    switch options.mode {
    case .help:
      print(Options.usage)
      return 0
    case .version:
      print(Options.version)
      return 0
    case .info:
      print(paths.describe(options: options))
      return 0
    case .run: break
    }
    return Catalogue.$language.withValue(options.language) {
      run(options: options, paths: paths, theme: theme, environment: environment)
    }
  }

  private static func run(
    options: Options, paths: Paths, theme: Theme, environment: [String: String]
  )
    -> Int32
  {
    let logDescriptor = openLog(paths.logFile)
    let logger = Logger(fileDescriptor: logDescriptor)
    var wake: [Int32] = [0, 0]
    guard pipe(&wake) == 0 else { return 1 }
    _ = fcntl(wake[0], F_SETFL, O_NONBLOCK)
    _ = fcntl(wake[1], F_SETFL, O_NONBLOCK)
    let quit = QuitSignal(wakeDescriptor: wake[1])
    quit.install()

    let terminal: Terminal
    do {
      terminal = try Terminal(theme: theme, useColor: !options.noColor)
    } catch {
      printError(error.message)
      return 2
    }
    // Stray stderr (runtime warnings, libraries) would corrupt the screen: send it to the log.
    let savedError = dup(2)
    if logDescriptor > 2 { dup2(logDescriptor, 2) }
    logger.info("start", [("url", .string(options.url)), ("read_only", .bool(options.readOnly))])

    let client = DashboardClient(
      settings: settings(options: options, token: paths.token, environment: environment),
      wakeUIDescriptor: wake[1])
    client.start()
    var loop = UILoop(terminal: terminal, client: client, wakeDescriptor: wake[0], quit: quit)
    loop.environment = environment
    loop.state = DashboardState(backendURL: options.url, readOnly: options.readOnly)
    if terminal.glyphs == .ascii {
      loop.state.say(Strings.asciiGlyphs)
      logger.info("ascii glyphs", [("term", .string(environment["TERM"] ?? ""))])
    }
    loop.run(logger: logger)

    client.stop()
    terminal.shutdown()
    dup2(savedError, 2)
    logger.info("quit")
    return 0
  }

  static func settings(options: Options, token: String?, environment: [String: String])
    -> ClientSettings
  {
    func port(_ name: String, _ fallback: UInt16) -> UInt16 {
      environment[name].flatMap { UInt16($0) } ?? fallback
    }
    return ClientSettings(
      baseURL: options.url, token: token, refreshInterval: options.refresh,
      postgresProbe: TCPProbe(
        host: environment["POSTGRES_HOST"] ?? "127.0.0.1", port: port("POSTGRES_PORT", 55432)),
      redisProbe: TCPProbe(
        host: environment["REDIS_HOST"] ?? "127.0.0.1", port: port("REDIS_PORT", 56379),
        greeting: Array("PING\r\n".utf8), expectedPrefix: Array("+PONG".utf8)))
  }

  /// Opens the log file for appending, creating its folder; stderr's descriptor if that fails.
  static func openLog(_ path: String) -> Int32 {
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    return descriptor >= 0 ? descriptor : 2
  }

  static func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}

/// Turns SIGINT, SIGTERM and SIGHUP into a flag plus a wake-up, so the loop restores the terminal.
/// (SIGWINCH is left to ncurses, which turns it into KEY_RESIZE.)
final class QuitSignal: Sendable {
  private let requested = Atomic<Bool>(false)
  private let wakeDescriptor: Int32
  // Kept alive for the whole run; written once by install() on the UI thread before any use.
  private nonisolated(unsafe) var sources: [DispatchSourceSignal] = []

  init(wakeDescriptor: Int32) {
    self.wakeDescriptor = wakeDescriptor
  }

  var isRequested: Bool { requested.load(ordering: .acquiring) }

  func install() {
    let queue = DispatchQueue(label: "sera-signals")
    for number in [SIGINT, SIGTERM, SIGHUP] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { @Sendable [self] in
        self.requested.store(true, ordering: .releasing)
        var byte: UInt8 = 1
        _ = write(self.wakeDescriptor, &byte, 1)
      }
      source.resume()
      sources.append(source)
    }
  }
}

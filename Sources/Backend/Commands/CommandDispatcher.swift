import FoundationEssentials
import Shared

/// Chooses the `sera` subcommand from the command line and runs it.
public enum CommandDispatcher {
  /// Every subcommand, in the order `sera help` lists them.
  static var commands: [any SeraCommand.Type] {
    [
      ConfigCommand.self, MigrateCommand.self, TokenCommand.self, ServeCommand.self,
      WorkerCommand.self, SchedulerCommand.self, TasksCommand.self, ReindexCommand.self,
      DoctorCommand.self, BackupCommand.self, RestoreCommand.self,
    ]
  }

  /// Runs the command the arguments name (without the program name); returns the exit code.
  public static func run(arguments: [String]) -> Int32 {
    let output: @Sendable (String) -> Void = { print($0) }
    guard let name = arguments.first, !["help", "--help", "-h"].contains(name) else {
      output(usage())
      return arguments.isEmpty ? 2 : 0
    }
    if name == "--version" || name == "version" {
      output("sera \(SeraVersion.current)")
      return 0
    }
    guard let command = commands.first(where: { $0.name == name }) else {
      printError("unknown command '\(name)'\n\n" + usage())
      return 2
    }
    // Before anything is read or started: `sera worker --help` must not start a worker.
    if arguments.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) {
      output(command.usage)
      return 0
    }
    do {
      let configuration = try Configuration.fromProcess()
      let logger = Logger(level: configuration.logLevel, fields: [("process", .string(name))])
      let context = CommandContext(configuration: configuration, logger: logger, output: output)
      return try command.run(arguments: Array(arguments.dropFirst()), context: context)
    } catch let error as UsageError {
      printError("\(error.message)\n")
      return 2
    } catch {
      printError("sera \(name): \(error)")
      return 1
    }
  }

  static func usage() -> String {
    let width = commands.map { $0.name.count }.max() ?? 0
    let lines = commands.map { command in
      "  " + command.name.padding(toLength: width + 2) + command.summary
    }
    return
      (["usage: sera <command> [options]", "", "commands:"] + lines
      + ["", "sera <command> --help shows a command's options."]).joined(separator: "\n")
  }

  static func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
  }
}

/// The version `sera --version` and `/health` report.
public enum SeraVersion {
  public static let current = "0.1.0"
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    _ = string.utf8CString.withUnsafeBufferPointer { buffer in
      FileDescriptorWriter.writeAll(2, buffer.baseAddress!, buffer.count - 1)
    }
  }
}

extension String {
  /// The string cut or padded with spaces to a column count (for plain-text tables).
  func padding(toLength length: Int) -> String {
    count >= length ? String(prefix(length)) : self + String(repeating: " ", count: length - count)
  }
}

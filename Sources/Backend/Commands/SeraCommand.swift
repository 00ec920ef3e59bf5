import Shared

/// One `sera` subcommand, such as `sera migrate` or `sera worker`.
public protocol SeraCommand {
  /// The word that selects it: `sera <name> ...`.
  static var name: String { get }
  /// One line for `sera help`.
  static var summary: String { get }
  /// What `sera <name> --help` prints.
  static var usage: String { get }
  /// Runs it with the words after its name; returns the process exit code.
  static func run(arguments: [String], context: CommandContext) throws -> Int32
}

extension SeraCommand {
  /// For commands that take no arguments: the name, the summary, and where settings come from.
  public static var usage: String {
    "usage: sera \(name)\n  \(summary)\n"
      + "Settings come from the environment; `sera config variables` lists them."
  }
}

/// What every command gets: the configuration and where to write.
public struct CommandContext: Sendable {
  public let configuration: Configuration
  /// JSON-lines log on stdout, for the long-running servers.
  public let logger: Logger
  /// Human-readable output (tables, tokens) for the operator at the terminal.
  public let output: @Sendable (String) -> Void

  public init(
    configuration: Configuration, logger: Logger, output: @escaping @Sendable (String) -> Void
  ) {
    self.configuration = configuration
    self.logger = logger
    self.output = output
  }
}

/// A command line that cannot be run, with the usage that would work.
public struct UsageError: Error, CustomStringConvertible {
  public let message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}

import Foundation

/// Files `seratui` reads and writes, resolved from the environment; `seratui info` prints them.
public struct Paths: Sendable {
  public var tokenSource: String
  public var token: String?
  public var logFile: String
  public var themeDirectories: [String]
  private var environment: [String: String]

  /// Resolves paths: token from the flag, SERA_TOKEN, .sera/token, then the XDG config file.
  public init(options: Options, environment: [String: String]) {
    self.environment = environment
    let home = environment["HOME"] ?? "/root"
    let config =
      environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
    let state =
      environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
    self.logFile = state + "/sera/seratui.log"
    self.themeDirectories = ["themes", config + "/sera/themes"]
    let candidates = [options.tokenFile, ".sera/token", config + "/sera/token"].compactMap { $0 }
    if let file = options.tokenFile {
      (tokenSource, token) = (file, Self.read(file))
    } else if let token = environment["SERA_TOKEN"], !token.isEmpty {
      (tokenSource, self.token) = ("SERA_TOKEN", token)
    } else if let file = candidates.first(where: { Self.read($0) != nil }) {
      (tokenSource, token) = (file, Self.read(file))
    } else {
      (tokenSource, token) = ("none (looked in " + candidates.joined(separator: ", ") + ")", nil)
    }
  }

  static func read(_ path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? nil : text
  }

  /// Loads a theme by name; the built-in default needs no file.
  public func theme(named name: String) throws(Options.UsageError) -> Theme {
    for directory in themeDirectories {
      let path = directory + "/" + name + ".theme"
      guard let text = Self.read(path) else { continue }
      do {
        return try Theme.parse(text, name: name)
      } catch {
        throw Options.UsageError(message: "\(path):\(error.line): \(error.problem)")
      }
    }
    if name == "default" { return .builtIn }
    throw Options.UsageError(
      message: "theme \"\(name)\" not found in " + themeDirectories.joined(separator: ", "))
  }

  /// The lines `seratui info` prints.
  public func describe(options: Options) -> String {
    [
      "backend url:  \(options.url)",
      "token:        \(tokenSource)",
      "log file:     \(logFile)",
      "themes:       " + themeDirectories.joined(separator: ", "),
      "refresh:      \(options.refresh) s",
      "config file:  " + ConfigFile.path(environment: environment),
      "language:     " + options.language.rawValue,
    ].joined(separator: "\n")
  }
}

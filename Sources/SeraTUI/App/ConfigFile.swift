/// `$XDG_CONFIG_HOME/sera/config`: `key = value` lines, `#` comments. Keys: url, token_file,
/// refresh, theme, language. Flags and environment variables win over the file.
struct ConfigFile: Equatable {
  var values: [String: String] = [:]

  static let keys: Set<String> = ["url", "token_file", "refresh", "theme", "language"]

  /// Parses the file's text; an unknown key or a line without `=` is an error naming the line.
  static func parse(_ text: String) throws(Options.UsageError) -> ConfigFile {
    var file = ConfigFile()
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line =
        (raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
        ?? "").trimmed()
      if line.isEmpty { continue }
      let halves = line.split(separator: "=", maxSplits: 1).map { $0.trimmed() }
      guard halves.count == 2, keys.contains(halves[0]) else {
        let known = keys.sorted().joined(separator: ", ")
        throw Options.UsageError(
          message: "config line \(index + 1): expected `key = value` with a key of \(known)")
      }
      file.values[halves[0]] = halves[1]
    }
    return file
  }

  /// The config file's path for an environment.
  static func path(environment: [String: String]) -> String {
    let home = environment["HOME"] ?? "/root"
    let config =
      environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
    return config + "/sera/config"
  }
}

extension Substring {
  fileprivate func trimmed() -> String {
    String(self).trimmingSpaces()
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    let skip: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
    return String(String(self.drop(while: skip).reversed()).drop(while: skip).reversed())
  }
}

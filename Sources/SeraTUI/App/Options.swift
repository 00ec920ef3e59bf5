import Foundation
import Shared

/// Command-line and environment settings of `seratui`.
public struct Options: Sendable {
  public enum Mode: Sendable { case run, help, version, info }

  public var mode: Mode = .run
  public var url = "http://127.0.0.1:8001"
  public var tokenFile: String?
  public var refresh = 2.0
  public var readOnly = false
  public var noColor = false
  public var themeName = "default"
  public var language = Language.english

  /// The fastest refresh allowed, so a typo cannot hammer the backend.
  public static let minimumRefresh = 0.5
  public static let version = "seratui 0.1.0"

  /// Why the command line was refused.
  public struct UsageError: Error {
    public var message: String
  }

  /// Reads arguments (without the program name) and the environment.
  public static func parse(
    _ arguments: [String], environment: [String: String], configText: String? = nil
  ) throws(UsageError) -> Options {
    var options = Options()
    let config = try configText.map(ConfigFile.parse)?.values ?? [:]
    if let url = config["url"] { options.url = url }
    options.tokenFile = config["token_file"]
    if let text = config["refresh"] { options.refresh = try seconds(text) }
    if let theme = config["theme"] { options.themeName = theme }
    options.language = Language.from(environment: environment)
    if let code = config["language"] { options.language = try language(code) }
    if let theme = environment["SERA_THEME"], !theme.isEmpty { options.themeName = theme }
    if let url = environment["SERA_URL"], !url.isEmpty { options.url = url }
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { options.noColor = true }
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      switch argument {
      case "info": options.mode = .info
      case "--help", "-h": options.mode = .help
      case "--version": options.mode = .version
      case "--read-only": options.readOnly = true
      case "--no-color": options.noColor = true
      case "--url": options.url = try value(of: argument, from: &rest)
      case "--token-file": options.tokenFile = try value(of: argument, from: &rest)
      case "--theme": options.themeName = try value(of: argument, from: &rest)
      case "--lang": options.language = try language(try value(of: argument, from: &rest))
      case "--refresh": options.refresh = try seconds(try value(of: argument, from: &rest))
      default:
        throw UsageError(message: "unknown argument \"\(argument)\"; see seratui --help")
      }
    }
    return options
  }

  private static func seconds(_ text: String) throws(UsageError) -> Double {
    guard let seconds = Double(text), seconds.isFinite else {
      throw UsageError(message: "refresh needs seconds, got \"\(text)\"")
    }
    return max(minimumRefresh, seconds)
  }

  private static func language(_ code: String) throws(UsageError) -> Language {
    guard let found = Language(code: code) else {
      let known = Language.allCases.map(\.rawValue).joined(separator: ", ")
      throw UsageError(message: "unknown language \"\(code)\"; known: \(known)")
    }
    return found
  }

  private static func value(of flag: String, from rest: inout ArraySlice<String>)
    throws(UsageError) -> String
  {
    guard let value = rest.popFirst() else { throw UsageError(message: "\(flag) needs a value") }
    return value
  }

  /// The text of `--help`.
  public static let usage = """
    usage: seratui [options] | seratui info
      --url URL          backend API (default http://127.0.0.1:8001; env SERA_URL)
      --token-file PATH  bearer token file
                         (else SERA_TOKEN, .sera/token, $XDG_CONFIG_HOME/sera/token)
      --refresh SECONDS  refresh interval (default 2, at least 0.5)
      --read-only        hide and refuse every change (on-call tokens are read-only anyway)
      --no-color         no colours (also NO_COLOR=1); states stay readable as text
      --theme NAME       themes/NAME.theme or $XDG_CONFIG_HOME/sera/themes/NAME.theme
                         (default, light, high-contrast, monochrome; env SERA_THEME)
      --lang en|uk       language of the text (default from LC_ALL, LC_MESSAGES, LANG)
      --version, --help
    Config file: $XDG_CONFIG_HOME/sera/config, `key = value` lines with keys
      url, token_file, refresh, theme, language; flags and environment win over it.
    Environment: POSTGRES_HOST/PORT and REDIS_HOST/PORT for probes when the backend is down.
    Crash reports in a terminal: set SWIFT_BACKTRACE=interactive=no (or enable=no).
    """
}

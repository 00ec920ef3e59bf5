import FoundationEssentials
import Postgres
import Shared

/// `sera token create|list|revoke`: API tokens for physicians, on-call and operators.
struct TokenCommand: SeraCommand {
  static let name = "token"
  static let summary = "create, list or revoke API tokens"

  public static let usage = """
    usage: sera token create --role physician|oncall|operator --user NAME [--label TEXT]
           sera token list
           sera token revoke ID
    """

  static func run(arguments: [String], context: CommandContext) throws -> Int32 {
    guard let action = arguments.first else { throw UsageError(usage) }
    let store = TokenStore(
      pool: PostgresPool(settings: context.configuration.postgres, maxConnections: 1))
    let rest = Array(arguments.dropFirst())
    switch action {
    case "create": try create(store, options: try parseOptions(rest), context: context)
    case "list" where rest.isEmpty: try list(store, context: context)
    case "revoke" where rest.count == 1:
      guard let id = Int64(rest[0]) else { throw UsageError("ID must be a number\n" + usage) }
      let revoked = try store.revoke(id: id)
      context.output(revoked ? "token \(id) revoked" : "no active token with id \(id)")
      return revoked ? 0 : 1
    default: throw UsageError(usage)
    }
    return 0
  }

  private static func create(
    _ store: TokenStore, options: [String: String], context: CommandContext
  ) throws {
    guard let roleName = options["--role"], let role = Role(rawValue: roleName) else {
      throw UsageError("--role must be physician, oncall or operator\n" + usage)
    }
    guard let user = options["--user"], !user.trimmed().isEmpty else {
      throw UsageError("--user NAME is required\n" + usage)
    }
    let token = try store.create(username: user, role: role, label: options["--label"] ?? "")
    context.output(token)
    // The note goes to standard error so that `sera token create ... > file` stores the token alone.
    CommandDispatcher.printError(
      "token for \(user) (\(role.rawValue)); it cannot be shown again, store it now")
  }

  private static func list(_ store: TokenStore, context: CommandContext) throws {
    let tokens = try store.list()
    if tokens.isEmpty { context.output("no tokens; create one with `sera token create`") }
    for token in tokens {
      let state =
        token.revokedAt.map { "revoked \($0.formatted(.iso8601))" }
        ?? token.lastUsedAt.map { "last used \($0.formatted(.iso8601))" } ?? "never used"
      let label = token.label.isEmpty ? "" : "  \"\(token.label)\""
      context.output("\(token.id)  \(token.username)  \(token.role.rawValue)  \(state)\(label)")
    }
  }

  /// `--name value` pairs; an unknown option or a missing value is a usage error.
  private static func parseOptions(_ words: [String]) throws -> [String: String] {
    let known: Set = ["--role", "--user", "--label"]
    var options: [String: String] = [:]
    var index = 0
    while index < words.count {
      guard known.contains(words[index]), index + 1 < words.count else {
        throw UsageError("unexpected '\(words[index])'\n" + usage)
      }
      options[words[index]] = words[index + 1]
      index += 2
    }
    return options
  }
}

import Foundation
import Shared
import TestSupport
import Testing

/// The runbook's commands as Sera's: `sera doctor`, `sera backup` / `sera restore` and
/// `sera migrate check`, run as real processes against the test stack.
@Suite(.serialized) struct OperationsCommandsTests {
  @Test func doctorReportsEveryServiceUpThenNamesTheStoppedWorker() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    var ready = (status: Int32(-1), output: "", errors: "")
    // The worker's health port may open a moment after the backend's.
    _ = try waitUntil(seconds: 20) {
      ready = try stack.sera(["doctor"])
      return ready.status == 0
    }
    #expect(ready.status == 0, "\(ready.output)\(ready.errors)")
    for service in ["backend", "worker", "scheduler", "postgres", "redis"] {
      #expect(Self.row(service, in: ready.output)?.contains(" up ") == true, "\(ready.output)")
    }

    stack.services["worker"]?.stop()
    let after = try stack.sera(["doctor"])
    #expect(after.status == 1)
    #expect(Self.row("worker", in: after.output)?.contains(" DOWN ") == true, "\(after.output)")
    #expect(Self.row("backend", in: after.output)?.contains(" up ") == true, "\(after.output)")
    #expect(after.output.contains("down: worker\n"), "\(after.output)")
  }

  @Test func backupThenRestoreIntoAnEmptyDatabaseReproducesDraftsPostsAndTokens() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    let token = try stack.token(role: .physician)
    _ = try stack.token(role: .oncall)
    try Self.publishOneDraft(stack, token: token)

    let file = stack.workDirectory + "/backup.sql"
    let backup = try stack.sera(["backup", file])
    #expect(backup.status == 0, "\(backup.output)\(backup.errors)")
    let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
    #expect(mode == 0o600, "the dump holds token hashes and must be private")

    let target = try TestDatabase.createEmpty()
    defer { TestDatabase.drop(target) }
    var environment = stack.environment
    environment["POSTGRES_DB"] = target.database
    let restore = try runCommand(
      stack.binDirectory + "/sera", ["restore", file], environment: environment)
    #expect(restore.status == 0, "\(restore.output)\(restore.errors)")

    for table in ["drafts", "published_posts", "api_tokens", "users", "draft_events"] {
      let original = try Self.rows(table, stack.database.database, stack)
      #expect(!original.isEmpty, "\(table) is empty before the backup")
      #expect(try Self.rows(table, target.database, stack) == original, "\(table) differs")
    }
    let check = try runCommand(
      stack.binDirectory + "/sera", ["migrate", "check"], environment: environment)
    #expect(check.status == 0, "a restored database looks drifted: \(check.output)")
  }

  @Test func migrateCheckReportsAColumnAddedByHand() throws {
    let database = try TestDatabase.create()
    defer { TestDatabase.drop(database) }
    var environment = ProcessInfo.processInfo.environment
    environment["POSTGRES_DB"] = database.database
    environment["POSTGRES_HOST"] = database.host
    environment["POSTGRES_PORT"] = String(database.port)
    environment["POSTGRES_USER"] = database.user
    let sera = Self.binDirectory() + "/sera"

    let clean = try runCommand(sera, ["migrate", "check"], environment: environment)
    #expect(clean.status == 0, "\(clean.output)\(clean.errors)")
    #expect(clean.output.contains("no drift"))

    _ = try Self.psql(database.database, "ALTER TABLE drafts ADD COLUMN hand_added text", database)
    let drifted = try runCommand(sera, ["migrate", "check"], environment: environment)
    #expect(drifted.status == 1)
    #expect(drifted.output.contains("+ column drafts.hand_added text"), "\(drifted.output)")
  }

  // MARK: helpers

  static func binDirectory() -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return ProcessInfo.processInfo.environment["SERA_BIN_DIR"] ?? root.path + "/.build/debug"
  }

  /// The doctor's table line of a service.
  static func row(_ service: String, in output: String) -> String? {
    output.split(separator: "\n").first { $0.hasPrefix(service + " ") }.map { String($0) + " " }
  }

  /// Generates two drafts, then approves and publishes the first one.
  static func publishOneDraft(_ stack: LiveStack, token: String) throws {
    var drafts: [Draft] = []
    for topic in ["hydration in hot weather", "sleep before night shifts"] {
      let queued = try stack.call(
        QueuedDraft.self, "POST", "/api/v1/drafts", token: token,
        body: CreateDraftRequest(topic: topic, platform: .telegram))
      drafts.append(queued.draft)
    }
    var draft = drafts[0]
    let generated = try waitUntil(seconds: 30) {
      draft = try stack.call(Draft.self, "GET", "/api/v1/drafts/\(draft.id)", token: token)
      return draft.status == .generated
    }
    #expect(generated, "draft stayed \(draft.status): \(stack.logs())")
    draft = try stack.call(
      Draft.self, "POST", "/api/v1/drafts/\(draft.id)/approve", token: token,
      body: DraftActionRequest(version: draft.version))
    _ = try stack.call(
      QueuedDraft.self, "POST", "/api/v1/drafts/\(draft.id)/publish", token: token,
      body: DraftActionRequest(version: draft.version))
    let published = try waitUntil(seconds: 30) {
      draft = try stack.call(Draft.self, "GET", "/api/v1/drafts/\(draft.id)", token: token)
      return draft.status == .published
    }
    #expect(published, "draft stayed \(draft.status): \(stack.logs())")
  }

  /// Every row of a table, in id order, as psql's unaligned text.
  static func rows(_ table: String, _ database: String, _ stack: LiveStack) throws -> String {
    try psql(database, "SELECT * FROM \(table) ORDER BY id", stack.database)
  }

  static func psql(_ database: String, _ sql: String, _ server: PostgresSettings) throws
    -> String
  {
    let result = try runCommand(
      "/usr/bin/psql",
      [
        "-h", server.host, "-p", String(server.port), "-U", server.user, "-d", database, "-tA",
        "-v", "ON_ERROR_STOP=1", "-c", sql,
      ], environment: ProcessInfo.processInfo.environment)
    guard result.status == 0 else { throw StackError.commandFailed(["psql"], result.errors) }
    return result.output
  }
}

import FoundationEssentials
import HTTPClient
import Shared

#if canImport(Glibc)
  import Glibc
#endif

/// `sera backup [FILE]`: a plain-SQL `pg_dump` of the configured database (the runbook's backup,
/// restorable with `sera restore` or the runbook's `psql < FILE`), plus Qdrant snapshots of every
/// collection next to it when QDRANT_URL is set.
struct BackupCommand: SeraCommand {
  static let name = "backup"
  static let summary = "dump PostgreSQL to FILE (default backup_<date>.sql), snapshot Qdrant"

  public static let usage = """
    usage: sera backup [FILE]
      Writes a plain SQL dump (mode 0600) that `sera restore FILE` loads into an empty database.
      With QDRANT_URL set, also saves each collection's snapshot as FILE.qdrant/<name>.snapshot.
    """

  static func run(arguments: [String], context: CommandContext) throws -> Int32 {
    guard arguments.count <= 1, arguments.first?.hasPrefix("-") != true else {
      throw UsageError(usage)
    }
    let settings = try OperationsSettings(environment: context.configuration.environment)
    let file = arguments.first ?? defaultFileName()
    let postgres = context.configuration.postgres
    // --clean --if-exists: the same file restores over an existing schema as well as an empty one.
    // No owner or grants: the restoring role may have another name.
    let arguments =
      PostgresClientTool.connectionArguments(postgres) + [
        "--format=plain", "--clean", "--if-exists", "--no-owner", "--no-privileges",
      ]
    try PostgresClientTool.run(settings.pgDump, arguments, postgres: postgres, stdoutPath: file)
    context.output("wrote \(file) (database \(postgres.database) on \(postgres.host))")
    if let qdrant = settings.qdrantURL {
      let folder = file + ".qdrant"
      let saved = try QdrantSnapshots(baseURL: qdrant, apiKey: settings.qdrantAPIKey)
        .saveAll(to: folder)
      context.output(
        "saved \(saved.count) Qdrant snapshot(s) to \(folder): \(saved.joined(separator: ", "))")
    }
    return 0
  }

  /// The runbook's name: backup_YYYYMMDD.sql, in UTC.
  static func defaultFileName() -> String {
    let day = Date().formatted(.iso8601.year().month().day().dateSeparator(.omitted))
    return "backup_\(day).sql"
  }
}

/// Runs `pg_dump` / `psql` as a child process with the configured connection; the password goes
/// only into the child's environment (PGPASSWORD), never onto its command line or into a log.
enum PostgresClientTool {
  /// `--host`, `--port`, `--username`, `--dbname` for the settings.
  static func connectionArguments(_ settings: PostgresSettings) -> [String] {
    [
      "--host=\(settings.host)", "--port=\(settings.port)", "--username=\(settings.user)",
      "--dbname=\(settings.database)", "--no-password",
    ]
  }

  /// Runs the program to completion; stdout goes to `stdoutPath` (created 0600) when given.
  static func run(
    _ program: String, _ arguments: [String], postgres: PostgresSettings,
    stdoutPath: String? = nil
  ) throws {
    var environment = ProcessInfo.processInfo.environment
    environment["PGPASSWORD"] = postgres.password.isEmpty ? nil : postgres.password
    environment["PGCONNECT_TIMEOUT"] = "10"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let stdoutPath {
      posix_spawn_file_actions_addopen(
        &actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    }
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, program, &actions, nil, argv, envp)
    guard spawned == 0 else {
      throw OperationsError("cannot start \(program): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    // WIFEXITED and WEXITSTATUS are C macros Swift cannot import: status is exit code << 8.
    let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    guard exitCode == 0 else {
      throw OperationsError("\(program) failed (exit status \(exitCode)); see its message above")
    }
  }
}

/// Qdrant's snapshot API: one snapshot per collection, downloaded to a folder.
struct QdrantSnapshots {
  let baseURL: String
  let apiKey: String?
  private let client = HTTPClient(timeoutSeconds: 300)

  init(baseURL: String, apiKey: String?) {
    self.baseURL = baseURL
    self.apiKey = apiKey
  }

  /// Snapshots every collection and downloads each to `<folder>/<collection>.snapshot`.
  func saveAll(to folder: String) throws -> [String] {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let listing = try call("GET", "/collections")
    guard case .array(let collections)? = listing["result"]?["collections"] else {
      throw OperationsError("Qdrant's collection list has no result.collections array")
    }
    var saved: [String] = []
    for case let name? in collections.map({ $0["name"]?.stringValue }) {
      let created = try call("POST", "/collections/\(name)/snapshots")
      guard let snapshot = created["result"]?["name"]?.stringValue else {
        throw OperationsError("Qdrant made no snapshot of \(name)")
      }
      let file = try send("GET", "/collections/\(name)/snapshots/\(snapshot)")
      try Data(file).write(to: URL(filePath: folder + "/\(name).snapshot"))
      saved.append(name)
    }
    return saved
  }

  /// Uploads `<folder>/<collection>.snapshot` files back, replacing each collection.
  func restoreAll(from folder: String) throws -> [String] {
    let files = try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { $0.hasSuffix(".snapshot") }.sorted()
    for file in files {
      let name = String(file.dropLast(".snapshot".count))
      let content = try Data(contentsOf: URL(filePath: folder + "/" + file))
      let boundary = "sera-\(UInt64.random(in: 0...UInt64.max))"
      var body = Array(
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"snapshot\"; filename=\"\(file)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
          .utf8)
      body += content
      body += Array("\r\n--\(boundary)--\r\n".utf8)
      _ = try send(
        "POST", "/collections/\(name)/snapshots/upload?priority=snapshot", body: body,
        contentType: "multipart/form-data; boundary=\(boundary)")
    }
    return files
  }

  private func call(_ method: String, _ path: String) throws -> JSONValue {
    try SeraJSON.decode(JSONValue.self, from: try send(method, path))
  }

  private func send(
    _ method: String, _ path: String, body: [UInt8]? = nil, contentType: String? = nil
  ) throws -> [UInt8] {
    var headers: [(String, String)] = []
    if let apiKey { headers.append(("api-key", apiKey)) }
    if let contentType { headers.append(("Content-Type", contentType)) }
    let response = try client.send(
      method: method, url: baseURL + path, headers: headers, body: body)
    guard (200..<300).contains(response.status) else {
      throw OperationsError("Qdrant \(method) \(path) answered HTTP \(response.status)")
    }
    return response.body
  }
}

/// An operations command that could not finish, saying what failed.
struct OperationsError: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) {
    self.description = description
  }
}

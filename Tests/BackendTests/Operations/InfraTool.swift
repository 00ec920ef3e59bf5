import Foundation

/// Runs the operations tools (docker-compose, promtool, python3 for YAML) on the repository's
/// infra files. The tools come from Debian packages scripts/lib/common.sh installs.
enum InfraTool {
  /// The repository root, found from this file's place in Tests/BackendTests/Operations.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// Runs a program to completion with extra environment variables, in `directory`.
  static func run(
    _ executable: String, _ arguments: [String], in directory: String = root,
    environment extra: [String: String] = [:]
  ) throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both before waiting, so a full pipe cannot block the child.
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: outData, as: UTF8.self),
      String(decoding: errData, as: UTF8.self)
    )
  }

  /// A YAML document (text) as JSON-shaped Foundation values, via python3-yaml.
  static func yaml(_ text: String) throws -> Any {
    let path = NSTemporaryDirectory() + "sera-yaml-\(UUID().uuidString).yml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let script =
      "import json,sys,yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout, default=str)"
    let result = try run("/usr/bin/python3", ["-c", script, path])
    guard result.status == 0 else { throw InfraToolError(result.errors) }
    return try JSONSerialization.jsonObject(with: Data(result.output.utf8))
  }

  /// A repository file as YAML values.
  static func yamlFile(_ relativePath: String) throws -> Any {
    try yaml(String(contentsOfFile: root + "/" + relativePath, encoding: .utf8))
  }
}

/// A tool that failed, with what it printed.
struct InfraToolError: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) {
    self.description = description
  }
}

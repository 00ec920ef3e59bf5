import FoundationEssentials

/// A scratch folder for one test, removed when the test's value goes away.
final class TemporaryFolder {
  let path: String

  init() throws {
    path = "/tmp/sera-test-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Writes `text` to `relative` under the folder, creating parent folders.
  func write(_ relative: String, _ text: String) throws {
    let full = path + "/" + relative
    let parent = String(full[..<full.lastIndex(of: "/")!])
    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: full))
  }

  func remove(_ relative: String) throws {
    try FileManager.default.removeItem(atPath: path + "/" + relative)
  }
}

import Foundation

/// Runs the user's editor on a draft's text in a private temporary file.
enum ExternalEditor {
  /// Why the editor could not be used.
  struct Failure: Error {
    var reason: String
  }

  /// The edited text, or nil when it came back unchanged.
  static func edit(_ text: String, environment: [String: String]) throws(Failure) -> String? {
    let editor =
      [environment["VISUAL"], environment["EDITOR"]]
      .compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
    let folder = FileManager.default.temporaryDirectory.path
    let path = folder + "/seratui-draft-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt"
    // 0600: the draft may be about a patient's topic; other users must not read it.
    guard
      FileManager.default.createFile(
        atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    else { throw Failure(reason: "cannot write \(path)") }
    defer { try? FileManager.default.removeItem(atPath: path) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    // The editor value may carry arguments (`code -w`), as with git's core.editor.
    process.arguments = ["-c", editor + " \"$1\"", "sh", path]
    do {
      try process.run()
    } catch {
      throw Failure(reason: "\(editor): \(error.localizedDescription)")
    }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(reason: "\(editor) exited with \(process.terminationStatus)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Failure(reason: "cannot read \(path)")
    }
    let edited = String(decoding: data, as: UTF8.self)
    return edited == text ? nil : edited
  }
}

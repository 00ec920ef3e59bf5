import FoundationEssentials
import Shared

#if canImport(Glibc)
  import Glibc
#endif

/// The default publisher: writes each post to `<directory>/<platform>/draft-<id>-v<version>.txt`
/// instead of a social network, durably and exactly once.
///
/// The text goes to a temporary file, is fsynced, then linked into place with `link(2)`, which
/// (unlike `rename`) refuses to replace an existing file, so two workers racing on one post can
/// never both write it. An existing file with the same text is success; with other text an error.
public struct OutboxPublisher: Publisher {
  public let directory: String

  /// A publisher writing under `directory` (created when missing).
  public init(directory: String) {
    self.directory = directory
  }

  public func publish(draft: Draft, platform: Platform, content: String, version: Int) throws
    -> PublishReceipt
  {
    let folder = directory + "/" + platform.rawValue
    let name = "draft-\(draft.id)-v\(version)"
    let path = folder + "/" + name + ".txt"
    let receipt = PublishReceipt(postId: "outbox:\(platform.rawValue):\(name)", url: fileURL(path))
    if let existing = FileManager.default.contents(atPath: path) {
      return try matching(existing, content, path: path, receipt: receipt)
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw OutboxError(path: folder, problem: "cannot create the folder: \(error)")
    }
    let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer { unlink(temporary) }
    try writeDurably(Array(content.utf8), to: temporary)
    if link(temporary, path) != 0 {
      let code = errno
      guard code == EEXIST, let existing = FileManager.default.contents(atPath: path) else {
        throw OutboxError(path: path, problem: "cannot link into place: errno \(code)")
      }
      return try matching(existing, content, path: path, receipt: receipt)
    }
    syncDirectory(folder)
    return receipt
  }

  private func matching(_ existing: Data, _ content: String, path: String, receipt: PublishReceipt)
    throws -> PublishReceipt
  {
    guard Array(existing) == Array(content.utf8) else {
      throw OutboxError(path: path, problem: "already holds a different text for this version")
    }
    return receipt
  }

  private func writeDurably(_ bytes: [UInt8], to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw OutboxError(path: path, problem: "cannot create: errno \(errno)")
    }
    defer { close(descriptor) }
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else {
        throw OutboxError(path: path, problem: "write failed: errno \(errno)")
      }
      offset += written
    }
    guard fsync(descriptor) == 0 else {
      throw OutboxError(path: path, problem: "fsync failed: errno \(errno)")
    }
  }

  /// Makes the new directory entry itself durable; failure here loses nothing already written.
  private func syncDirectory(_ folder: String) {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }

  private func fileURL(_ path: String) -> String {
    if path.hasPrefix("/") { return "file://" + path }
    return "file://" + FileManager.default.currentDirectoryPath + "/" + path
  }
}

/// An outbox file that could not be written, named by its path.
public struct OutboxError: Error, CustomStringConvertible, Equatable {
  public var path: String
  public var problem: String

  public var description: String { "outbox \(path): \(problem)" }
}

extension OutboxPublisher {
  /// Writes the whole text as one file; the file itself makes a second write harmless.
  public func publish(_ post: OutgoingPost, journal: any PublishJournal) throws(PublishError)
    -> PublishOutcome
  {
    do {
      let draft = Draft(
        id: post.draftId, userId: 0, topic: "", platform: post.platform, status: .publishing,
        version: post.version, content: post.content, createdAt: Date(), updatedAt: Date())
      return .posted(
        try publish(
          draft: draft, platform: post.platform, content: post.content, version: post.version))
    } catch {
      throw PublishError(.retryable, post.platform, "\(error)")
    }
  }
}

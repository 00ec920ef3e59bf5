import FoundationEssentials
import Shared

#if canImport(Glibc)
  import Glibc
#endif

/// Why an uploaded guideline was not saved.
public enum GuidelineUploadError: Error, CustomStringConvertible, Equatable {
  /// The file name is unsafe or unsupported; the text says which rule it broke.
  case badName(String)
  /// The bytes are not what the file ending promises.
  case badContent(String)
  /// A different file of that name is already in the knowledge base.
  case exists(String)
  /// The file could not be written.
  case writeFailed(String)

  public var description: String {
    switch self {
    case .badName(let reason): return "file name refused: \(reason)"
    case .badContent(let reason): return "file refused: \(reason)"
    case .exists(let name): return "a different \(name) already exists; upload it under a new name"
    case .writeFailed(let reason): return "could not save the file: \(reason)"
    }
  }
}

/// Saves an uploaded guideline into `medical_guidelines/` under a checked name, never replacing
/// a different file, so the next reindex ingests it like any other guideline.
public struct GuidelineUpload: Sendable {
  /// Long enough for descriptive names, short enough for every file system and the dashboard.
  public static let maxNameLength = 100
  static let allowedEndings: Set<String> = ["md", "markdown", "txt", "pdf"]

  /// The knowledge-base root (`SERA_KNOWLEDGE_BASE`).
  public let root: String

  /// An uploader into the knowledge base at `root`.
  public init(root: String) {
    self.root = root
  }

  /// The name checked: letters, digits, `.`, `_`, `-` only; no leading dot; a known ending.
  public static func checkedName(_ name: String) throws(GuidelineUploadError) -> String {
    guard !name.isEmpty, name.count <= maxNameLength else {
      throw .badName("must be 1 to \(maxNameLength) characters")
    }
    guard !name.contains("/"), !name.contains("\\") else {
      throw .badName("must not contain path separators")
    }
    guard !name.hasPrefix(".") else { throw .badName("must not start with a dot") }
    guard name.unicodeScalars.allSatisfy(isAllowed) else {
      throw .badName("only letters a-z, digits, '.', '_' and '-' are allowed")
    }
    let ending = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
    guard name.contains("."), allowedEndings.contains(ending) else {
      throw .badName("must end in .md, .markdown, .txt or .pdf")
    }
    return name
  }

  /// A safe name made from what the uploader sent: the last path component only, each run of
  /// other characters (spaces, Cyrillic, quotes) as one `-`, no leading or trailing dots or
  /// dashes, cut to `maxNameLength`. A name left with nothing but its ending gets one from the
  /// original's hash, so `Протокол.pdf` is kept as `guideline-<hash>.pdf`. The ending must
  /// still be a known one; it is never invented.
  public static func sanitisedName(_ raw: String) throws(GuidelineUploadError) -> String {
    let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
    guard let dot = last.lastIndex(of: "."), dot != last.startIndex else {
      throw .badName("must end in .md, .markdown, .txt or .pdf")
    }
    let ending = last[last.index(after: dot)...].lowercased()
    guard allowedEndings.contains(ending) else {
      throw .badName("must end in .md, .markdown, .txt or .pdf")
    }
    var base = ""
    for scalar in last[..<dot].unicodeScalars {
      if isAllowed(scalar) {
        base.unicodeScalars.append(scalar)
      } else if !base.hasSuffix("-") {
        base += "-"
      }
    }
    while let first = base.first, first == "." || first == "-" { base.removeFirst() }
    while let final = base.last, final == "." || final == "-" { base.removeLast() }
    if base.isEmpty { base = "guideline-" + String(StableID.hash(raw).prefix(8)) }
    return String(base.prefix(maxNameLength - ending.count - 1)) + "." + ending
  }

  /// Saves the bytes as `medical_guidelines/<name>`; true when written, false when the same
  /// bytes were already there.
  @discardableResult
  public func save(name: String, bytes: [UInt8]) throws(GuidelineUploadError) -> Bool {
    let name = try Self.checkedName(name)
    try Self.checkContent(bytes, ending: name.split(separator: ".").last!.lowercased())
    let folder = root + "/" + KnowledgeCollection.medicalKnowledge.folder
    let path = folder + "/" + name
    if let existing = FileManager.default.contents(atPath: path) {
      guard Array(existing) == bytes else { throw .exists(name) }
      return false
    }
    let temporary = folder + "/.upload-" + StableID.hash(name, String(bytes.count))
    guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
      throw .writeFailed("cannot write into \(folder)")
    }
    defer { unlink(temporary) }
    // link() fails when the name exists, so two uploads racing for one name cannot overwrite.
    guard link(temporary, path) == 0 else {
      if errno == EEXIST { throw .exists(name) }
      throw .writeFailed(String(cString: strerror(errno)))
    }
    return true
  }

  private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        || "._-".unicodeScalars
          .contains(scalar))
  }

  private static func checkContent(_ bytes: [UInt8], ending: String) throws(GuidelineUploadError) {
    guard !bytes.isEmpty else { throw .badContent("the file is empty") }
    if ending == "pdf" {
      guard bytes.starts(with: Array("%PDF-".utf8)) else { throw .badContent("not a PDF") }
    } else {
      guard String(validating: bytes, as: UTF8.self) != nil else {
        throw .badContent("text guidelines must be UTF-8")
      }
    }
  }
}

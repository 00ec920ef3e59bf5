import FoundationEssentials
import PDFText
import Shared

/// Everything read from a knowledge-base folder: the documents, and the files or lines that could
/// not be used.
public struct KnowledgeBaseScan: Sendable {
  public var documents: [KnowledgeDocument]
  public var issues: [KnowledgeBaseIssue]
  /// Files that exist but could not be read; their stored chunks must be kept, not deleted.
  public var unreadablePaths: Set<String>
}

/// Reads `doctor_style/` and `medical_guidelines/` under a knowledge-base root into documents.
public struct KnowledgeBaseReader: Sendable {
  /// File endings read as text; PDFs are read through poppler; anything else is skipped.
  static let textExtensions: Set<String> = ["md", "markdown", "txt"]

  public let root: String
  public let chunker: MarkdownChunker

  /// A reader of the folder at `root`.
  public init(root: String, chunker: MarkdownChunker = MarkdownChunker()) {
    self.root = root
    self.chunker = chunker
  }

  /// Reads every file of both collections, in path order so runs are reproducible.
  public func scan() -> KnowledgeBaseScan {
    var scan = KnowledgeBaseScan(documents: [], issues: [], unreadablePaths: [])
    for collection in KnowledgeCollection.allCases {
      for path in files(of: collection) {
        read(path, collection: collection, into: &scan)
      }
    }
    return scan
  }

  private func files(of collection: KnowledgeCollection) -> [String] {
    let folder = root + "/" + collection.folder
    guard let subpaths = try? FileManager.default.subpathsOfDirectory(atPath: folder) else {
      return []
    }
    return subpaths.sorted().compactMap { subpath in
      var isDirectory = false
      let full = folder + "/" + subpath
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
        !isDirectory, !subpath.split(separator: "/").contains(where: { $0.hasPrefix(".") })
      else { return nil }
      return collection.folder + "/" + subpath
    }
  }

  private func read(
    _ path: String, collection: KnowledgeCollection, into scan: inout KnowledgeBaseScan
  ) {
    let ending = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
    let isJSONLines = ending == "jsonl" && collection == .doctorStyle
    if ending == "pdf" && collection == .medicalKnowledge {
      readPDF(path, into: &scan)
      return
    }
    guard isJSONLines || Self.textExtensions.contains(ending) else {
      scan.issues.append(
        KnowledgeBaseIssue(path: path, problem: "skipped: not .md, .txt, .pdf or .jsonl"))
      return
    }
    guard let bytes = FileManager.default.contents(atPath: root + "/" + path),
      let raw = String(validating: bytes, as: UTF8.self)
    else {
      scan.issues.append(KnowledgeBaseIssue(path: path, problem: "unreadable or not UTF-8"))
      scan.unreadablePaths.insert(path)
      return
    }
    let text = KnowledgeText.normalised(raw)
    let hash = StableID.hash(MarkdownChunker.version, text)
    let (fields, body) = isJSONLines ? ([:], text) : KnowledgeText.frontMatter(text)
    let title = KnowledgeText.title(fields: fields, body: body, path: path)
    let pieces: [(heading: String, content: String)]
    if isJSONLines {
      let parsed = StylePostReader.jsonLines(body, path: path)
      scan.issues += parsed.issues
      pieces = parsed.posts
    } else if collection == .doctorStyle {
      pieces = StylePostReader.separated(body)
    } else {
      pieces = chunker.chunks(of: body)
    }
    scan.documents.append(
      KnowledgeDocument(
        collection: collection, path: path, title: title, contentHash: hash, pieces: pieces))
  }

  /// A PDF guideline: poppler's text with hyphenation repaired (BR-30), chunked like Markdown.
  private func readPDF(_ path: String, into scan: inout KnowledgeBaseScan) {
    let document: PDFDocument
    do {
      document = try PDFDocument(path: root + "/" + path)
    } catch {
      scan.issues.append(KnowledgeBaseIssue(path: path, problem: error.problem))
      scan.unreadablePaths.insert(path)
      return
    }
    let text = KnowledgeText.normalised(document.text)
    guard !text.trimmed().isEmpty else {
      // A scanned PDF has images, not text; OCR is out of scope.
      scan.issues.append(KnowledgeBaseIssue(path: path, problem: "PDF has no text layer"))
      return
    }
    let title = document.title ?? KnowledgeText.title(fields: [:], body: "", path: path)
    scan.documents.append(
      KnowledgeDocument(
        collection: .medicalKnowledge, path: path, title: title,
        contentHash: StableID.hash(MarkdownChunker.version, text), pieces: chunker.chunks(of: text))
    )
  }
}

import CPoppler

/// Why a PDF could not be read.
public struct PDFTextError: Error, CustomStringConvertible, Equatable {
  /// The file that was being read.
  public var path: String
  /// poppler's words for what failed.
  public var problem: String

  public var description: String { "pdf \(path): \(problem)" }
}

/// The text of a PDF file, page by page, extracted by poppler (through its GLib interface).
public struct PDFDocument: Sendable {
  /// The document title from its metadata, if it has one.
  public var title: String?
  /// The raw text of each page in reading order, as poppler lays it out (one line per line).
  public var pages: [String]

  /// Reads every page of the PDF at `path`; encrypted files are refused, not guessed at.
  public init(path: String) throws(PDFTextError) {
    var error: UnsafeMutablePointer<GError>? = nil
    guard let uri = g_filename_to_uri(path, nil, &error) else {
      throw PDFTextError(path: path, problem: Self.message(of: error, or: "not a usable path"))
    }
    defer { g_free(uri) }
    guard let document = poppler_document_new_from_file(uri, nil, &error) else {
      throw PDFTextError(path: path, problem: Self.message(of: error, or: "not a readable PDF"))
    }
    defer { g_object_unref(UnsafeMutableRawPointer(document)) }
    self.title = Self.take(poppler_document_get_title(document))
    var pages: [String] = []
    for index in 0..<poppler_document_get_n_pages(document) {
      guard let page = poppler_document_get_page(document, index) else {
        throw PDFTextError(path: path, problem: "page \(index + 1) cannot be opened")
      }
      pages.append(Self.take(poppler_page_get_text(page)) ?? "")
      g_object_unref(UnsafeMutableRawPointer(page))
    }
    self.pages = pages
  }

  /// The whole text, pages separated by blank lines, with line-end hyphenation repaired.
  public var text: String {
    pages.map(PDFTextCleaner.cleaned).joined(separator: "\n\n")
  }

  /// A GLib string as a Swift string, freeing the GLib copy; empty strings count as none.
  private static func take(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
    guard let pointer else { return nil }
    defer { g_free(pointer) }
    let text = String(cString: pointer)
    return text.isEmpty ? nil : text
  }

  private static func message(of error: UnsafeMutablePointer<GError>?, or fallback: String)
    -> String
  {
    guard let error else { return fallback }
    defer { g_error_free(error) }
    return error.pointee.message.map { String(cString: $0) } ?? fallback
  }
}

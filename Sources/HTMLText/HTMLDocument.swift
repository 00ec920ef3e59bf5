import CLibXML2

/// A web page parsed with libxml2's HTML parser (which repairs broken markup like a browser).
public struct HTMLDocument: Sendable {
  /// The `<html>` element with everything in it.
  public let root: XMLElement

  /// Parses HTML `bytes` in the given IANA `encoding` (convert first; see `CharsetDecoder`).
  public init(bytes: [UInt8], encoding: String = "UTF-8") throws(MarkupParseError) {
    let options =
      Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue)
      | Int32(HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
    let document = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        htmlReadMemory(chars.baseAddress, Int32(chars.count), "page.html", encoding, options)
      }
    }
    guard let document else { throw MarkupParseError(LibXML2.lastError("unreadable HTML")) }
    defer { xmlFreeDoc(document) }
    guard let root = xmlDocGetRootElement(document) else {
      throw MarkupParseError("HTML page has no content")
    }
    self.root = LibXML2.element(from: root)
  }

  /// The `<title>` text, whitespace collapsed.
  public var title: String {
    HTMLTextRenderer.collapsed(root.descendants(named: "title").first?.text ?? "")
  }

  /// The readable text of the body: scripts, styles and other non-content dropped, one line per
  /// block element, whitespace collapsed.
  public var text: String {
    HTMLTextRenderer.render(root.first("body") ?? root)
  }

  /// The charset a `<meta charset>` or `<meta http-equiv="Content-Type">` declares, lower-cased.
  public var declaredCharset: String? {
    for meta in root.descendants(named: "meta") {
      if let charset = meta.attributes["charset"], !charset.isEmpty {
        return charset.lowercased().filter { !$0.isWhitespace }
      }
      if meta.attributes["http-equiv"]?.lowercased() == "content-type",
        let content = meta.attributes["content"],
        let charset = CharsetDecoder.charset(inContentType: content)
      {
        return charset
      }
    }
    return nil
  }
}

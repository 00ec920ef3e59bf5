import CLibXML2

/// Why a document could not be parsed.
public struct MarkupParseError: Error, CustomStringConvertible, Equatable {
  /// What libxml2 reported, or what was missing.
  public var message: String

  /// An error with libxml2's words.
  public init(_ message: String) {
    self.message = message
  }

  public var description: String { "markup parse: \(message)" }
}

/// Parses XML with libxml2 into `XMLElement` values; no network, no DTD loading, no entity
/// expansion beyond the predefined ones, so a hostile document cannot fetch or explode.
public enum XMLDocumentParser {
  /// The root element of the XML in `bytes`.
  public static func parse(_ bytes: [UInt8]) throws(MarkupParseError) -> XMLElement {
    let options =
      Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue)
      | Int32(XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
    let document = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        xmlReadMemory(chars.baseAddress, Int32(chars.count), "response.xml", nil, options)
      }
    }
    guard let document else { throw MarkupParseError(LibXML2.lastError("not well-formed XML")) }
    defer { xmlFreeDoc(document) }
    guard let root = xmlDocGetRootElement(document) else {
      throw MarkupParseError("XML document has no root element")
    }
    return LibXML2.element(from: root)
  }
}

/// Copies libxml2 trees into Swift values.
enum LibXML2 {
  static func element(from node: xmlNodePtr) -> XMLElement {
    var element = XMLElement(name: string(node.pointee.name) ?? "")
    var attribute = node.pointee.properties
    while let current = attribute {
      if let name = string(current.pointee.name) {
        element.attributes[name] = attributeValue(current.pointee.children)
      }
      attribute = current.pointee.next
    }
    var child = node.pointee.children
    while let current = child {
      switch current.pointee.type {
      case XML_ELEMENT_NODE: element.children.append(.element(self.element(from: current)))
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let text = string(current.pointee.content) { element.children.append(.text(text)) }
      case XML_ENTITY_REF_NODE:
        // An undeclared entity stays a reference; keep its name visible rather than drop it.
        if let name = string(current.pointee.name) { element.children.append(.text("&\(name);")) }
      default: break
      }
      child = current.pointee.next
    }
    return element
  }

  /// An attribute's value is the text of its child nodes; reading them needs no `xmlFree`.
  static func attributeValue(_ first: xmlNodePtr?) -> String {
    var value = ""
    var node = first
    while let current = node {
      value += string(current.pointee.content) ?? ""
      node = current.pointee.next
    }
    return value
  }

  static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }

  static func string(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
    string(UnsafePointer(pointer))
  }

  /// libxml2's last error message for this thread, or `fallback`.
  static func lastError(_ fallback: String) -> String {
    guard let error = xmlGetLastError(), let message = error.pointee.message else {
      return fallback
    }
    return String(cString: message).trimmingNewline()
  }
}

extension String {
  fileprivate func trimmingNewline() -> String {
    var text = self
    while text.last?.isNewline == true { text.removeLast() }
    return text
  }
}

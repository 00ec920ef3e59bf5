/// One node of a parsed XML or HTML document, copied out of libxml2 into plain Swift values.
public enum XMLNode: Sendable, Equatable {
  /// An element with its name, attributes and children in document order.
  case element(XMLElement)
  /// Character data, entities already decoded.
  case text(String)
}

/// An element: its (lower-level, as written) name, attributes and children.
public struct XMLElement: Sendable, Equatable {
  /// The element name as the document writes it, without namespace prefix.
  public var name: String
  /// Attribute values by name.
  public var attributes: [String: String]
  /// Child nodes in document order.
  public var children: [XMLNode]

  /// An element from its parts.
  public init(name: String, attributes: [String: String] = [:], children: [XMLNode] = []) {
    self.name = name
    self.attributes = attributes
    self.children = children
  }

  /// The child elements, skipping text.
  public var elements: [XMLElement] {
    children.compactMap { node in
      if case .element(let element) = node { return element }
      return nil
    }
  }

  /// The child elements called `name`.
  public func elements(named name: String) -> [XMLElement] {
    elements.filter { $0.name == name }
  }

  /// The first child element called `name`.
  public func first(_ name: String) -> XMLElement? {
    elements.first { $0.name == name }
  }

  /// The first element reached by following child names, e.g. `["Article", "ArticleTitle"]`.
  public func first(path: [String]) -> XMLElement? {
    var current: XMLElement? = self
    for name in path { current = current?.first(name) }
    return current
  }

  /// Every descendant element called `name`, in document order.
  public func descendants(named name: String) -> [XMLElement] {
    var found: [XMLElement] = []
    for child in elements {
      if child.name == name { found.append(child) }
      found += child.descendants(named: name)
    }
    return found
  }

  /// All text inside the element, markup removed and every piece kept (like `itertext()`).
  public var text: String {
    var result = ""
    appendText(to: &result)
    return result
  }

  private func appendText(to result: inout String) {
    for child in children {
      switch child {
      case .text(let text): result += text
      case .element(let element): element.appendText(to: &result)
      }
    }
  }
}

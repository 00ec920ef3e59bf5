/// A rectangle of screen cells.
public struct Rect: Equatable, Sendable {
  public var row: Int
  public var column: Int
  public var width: Int
  public var height: Int

  /// A rectangle at a position with a size.
  public init(row: Int, column: Int, width: Int, height: Int) {
    self.row = row
    self.column = column
    self.width = width
    self.height = height
  }

  /// The area inside a one-cell border.
  public var inner: Rect {
    Rect(row: row + 1, column: column + 1, width: max(0, width - 2), height: max(0, height - 2))
  }
}

extension ScreenBuffer {
  /// Draws a box with a title in the top border; the title is truncated to fit.
  public mutating func box(_ rect: Rect, title: String, style: Style = .border) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    let right = rect.column + rect.width - 1
    let bottom = rect.row + rect.height - 1
    let horizontal = String(repeating: "─", count: rect.width - 2)
    write("┌" + horizontal + "┐", row: rect.row, column: rect.column, style: style)
    write("└" + horizontal + "┘", row: bottom, column: rect.column, style: style)
    for y in (rect.row + 1)..<bottom {
      write("│", row: y, column: rect.column, style: style)
      write("│", row: y, column: right, style: style)
    }
    if !title.isEmpty, rect.width > 6 {
      let shown = TextWidth.truncate(" " + title + " ", to: rect.width - 4)
      write(shown, row: rect.row, column: rect.column + 2, style: .title)
    }
  }

  /// Writes one line inside a rectangle: truncated with … and padded so old text never lingers.
  public mutating func line(_ text: String, in rect: Rect, row offset: Int, style: Style = .normal)
  {
    guard offset >= 0, offset < rect.height else { return }
    write(
      TextWidth.fit(text, to: rect.width), row: rect.row + offset, column: rect.column,
      style: style, limit: rect.width)
  }
}

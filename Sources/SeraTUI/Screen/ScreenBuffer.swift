/// An in-memory grid of cells every view draws into; the terminal copies it out, tests read it.
public struct ScreenBuffer: Equatable, Sendable {
  /// One terminal cell: a grapheme cluster, or "" for the right half of a wide character.
  public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style
  }

  /// A cell position, row first.
  public struct Position: Equatable, Sendable {
    public var row: Int
    public var column: Int

    /// The position at a row and column.
    public init(row: Int, column: Int) {
      self.row = row
      self.column = column
    }
  }

  public let width: Int
  public let height: Int
  /// Row-major cells; `inASCII()` rewrites them.
  var cells: [Cell]
  /// Where the hardware cursor rests after the frame: column 0 of the selected row, or the start
  /// of a dialog's focused line, so screen readers and braille displays follow the focus (A.2 #12).
  public var cursor: Position?

  /// A blank screen of the given size.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(
      repeating: Cell(text: " ", style: .normal), count: self.width * self.height)
  }

  /// The cell at a row and column.
  public func cell(row: Int, column: Int) -> Cell {
    cells[row * width + column]
  }

  /// Writes sanitised text at a position, clipped at `limit` columns and at the right edge.
  /// Returns the column after the last cell written.
  @discardableResult
  public mutating func write(
    _ text: String, row: Int, column: Int, style: Style = .normal, limit: Int? = nil
  ) -> Int {
    guard row >= 0, row < height else { return column }
    let end = min(width, column + (limit ?? width))
    var x = column
    for character in text {
      let w = TextWidth.of(character)
      if x + w > end { break }
      if x >= 0 {
        setCell(row: row, column: x, Cell(text: String(character), style: style))
        for extra in 1..<max(1, w) {
          setCell(row: row, column: x + extra, Cell(text: "", style: style))
        }
      }
      x += w
    }
    return x
  }

  /// Fills a run of cells with spaces in a style.
  public mutating func clear(row: Int, column: Int, count: Int, style: Style = .normal) {
    guard row >= 0, row < height else { return }
    for x in max(0, column)..<min(width, column + count) {
      setCell(row: row, column: x, Cell(text: " ", style: style))
    }
  }

  /// The text of one row as the terminal would show it (wide characters once).
  public func rowText(_ row: Int) -> String {
    (0..<width).map { cell(row: row, column: $0).text }.joined()
  }

  /// Every row's text, joined with newlines.
  public var text: String {
    (0..<height).map(rowText).joined(separator: "\n")
  }

  /// Column of the first cell whose text is `needle` in a row, if any.
  public func column(of needle: String, row: Int, from start: Int = 0) -> Int? {
    (max(0, start)..<width).first { cell(row: row, column: $0).text == needle }
  }

  private mutating func setCell(row: Int, column: Int, _ new: Cell) {
    guard column >= 0, column < width else { return }
    let index = row * width + column
    // Overwriting half of a wide character blanks the other half, so no half glyph survives.
    if cells[index].text.isEmpty, column > 0 {
      cells[index - 1] = Cell(text: " ", style: cells[index - 1].style)
    }
    if !cells[index].text.isEmpty, TextWidth.of(cells[index].text) > 1, column + 1 < width,
      !(new.text.isEmpty)
    {
      cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
    }
    cells[index] = new
  }
}

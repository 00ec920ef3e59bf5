/// Where each panel goes for a terminal size; 80x24 is the smallest supported screen.
public struct Layout: Equatable, Sendable {
  public static let minWidth = 80
  public static let minHeight = 24
  /// Rows of the health and ops boxes: seven services of the runbook's map plus the border.
  static let topHeight = 9

  public let width: Int
  public let height: Int

  /// The layout of a screen of the given size.
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  /// False below the minimum size, where only a "terminal too small" line is drawn.
  public var fits: Bool { width >= Self.minWidth && height >= Self.minHeight }

  public var headerRow: Int { 0 }
  public var statusRow: Int { 1 }
  public var bannerRow: Int { 2 }
  public var footerRow: Int { height - 1 }

  public var health: Rect {
    Rect(row: 3, column: 0, width: width * 2 / 5 + 2, height: Self.topHeight)
  }

  public var ops: Rect {
    Rect(row: 3, column: health.width, width: width - health.width, height: Self.topHeight)
  }

  public var drafts: Rect {
    let top = 3 + Self.topHeight
    return Rect(row: top, column: 0, width: max(40, width * 2 / 5), height: footerRow - top)
  }

  public var detail: Rect {
    let list = drafts
    return Rect(row: list.row, column: list.width, width: width - list.width, height: list.height)
  }

  /// A centred dialog box of a given inner size, clamped to the screen.
  public func dialog(innerWidth: Int, innerHeight: Int) -> Rect {
    let w = min(width - 2, innerWidth + 2)
    let h = min(height - 2, innerHeight + 2)
    return Rect(row: (height - h) / 2, column: (width - w) / 2, width: w, height: h)
  }
}

/// The bottom row: the keys the gate allows, straight from the registry.
enum FooterView {
  static func draw(_ state: DashboardState, layout: Layout, into screen: inout ScreenBuffer) {
    let full = Rect(row: 0, column: 0, width: layout.width, height: layout.height)
    screen.line(text(for: state.gate), in: full, row: layout.footerRow, style: .footer)
  }

  /// "Tab:pane n:new ..." for the footer bindings the gate lets through (first key of each).
  static func text(for gate: AccessGate) -> String {
    KeyRegistry.visible(under: gate)
      .filter(\.inFooter)
      .map { $0.keys[0].label + ":" + $0.label }
      .joined(separator: " ")
  }
}

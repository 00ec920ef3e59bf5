import Foundation

/// Renders the whole dashboard into a screen buffer; the same code feeds the terminal and tests.
public enum DashboardView {
  /// One frame of the dashboard at a size and moment.
  public static func render(_ state: DashboardState, width: Int, height: Int, now: Date)
    -> ScreenBuffer
  {
    var screen = ScreenBuffer(width: width, height: height)
    let layout = Layout(width: width, height: height)
    guard layout.fits else {
      let message = Strings.tooSmall(
        needWidth: Layout.minWidth, needHeight: Layout.minHeight, width: width, height: height)
      for (row, text) in TextWidth.wrap(message, to: max(1, width)).prefix(height).enumerated() {
        screen.write(text, row: row, column: 0, style: .alert)
      }
      return screen
    }
    HeaderView.draw(state, layout: layout, now: now, into: &screen)
    if state.screen == .ops {
      OpsView.draw(state, layout: layout, now: now, into: &screen)
      FooterView.draw(state, layout: layout, into: &screen)
      if let modal = state.modal {
        DialogView.draw(modal, state: state, layout: layout, into: &screen)
      }
      return screen
    }
    HealthPanel.draw(state.data, in: layout.health, into: &screen)
    OpsPanel.draw(state.data, in: layout.ops, into: &screen)
    DraftListView.draw(state, in: layout.drafts, into: &screen)
    DetailView.draw(state, in: layout.detail, into: &screen)
    FooterView.draw(state, layout: layout, into: &screen)
    if let modal = state.modal {
      DialogView.draw(modal, state: state, layout: layout, into: &screen)
    }
    return screen
  }
}

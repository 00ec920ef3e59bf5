import Foundation

/// The top three rows: name, URL, role, age of the data; the status line; the alert banner.
enum HeaderView {
  static func draw(
    _ state: DashboardState, layout: Layout, now: Date, into screen: inout ScreenBuffer
  ) {
    let data = state.data
    var parts = [Strings.appName, UntrustedText.line(data.backendURL)]
    parts.append(data.whoAmI.map { Strings.role($0.role) } ?? Strings.roleUnknown)
    if state.readOnly { parts.append(Strings.readOnlyTag) }
    let age = data.lastUpdate.map {
      Strings.updated(secondsAgo: max(0, Int(now.timeIntervalSince($0))))
    }
    parts.append(age ?? Strings.neverUpdated)
    let full = Rect(row: 0, column: 0, width: layout.width, height: layout.height)
    screen.line(parts.joined(separator: " │ "), in: full, row: layout.headerRow, style: .title)

    let status = state.status.isEmpty ? (data.notice ?? Strings.ready) : state.status
    let isError = state.statusIsError || (state.status.isEmpty && data.notice != nil)
    screen.line(
      UntrustedText.line(status), in: full, row: layout.statusRow, style: isError ? .alert : .status
    )

    let alerts = AlertRules.current(data)
    if let first = alerts.first {
      let more = alerts.count > 1 ? " (+\(alerts.count - 1) more)" : ""
      screen.line(first + more, in: full, row: layout.bannerRow, style: .alert)
    } else {
      screen.line(Strings.noAlerts, in: full, row: layout.bannerRow, style: .dim)
    }
  }
}

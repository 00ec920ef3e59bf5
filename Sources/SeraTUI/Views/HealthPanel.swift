import Foundation
import Shared

/// The runbook's services with UP/DOWN as text, latency and what failed.
enum HealthPanel {
  static func draw(_ data: DashboardData, in rect: Rect, into screen: inout ScreenBuffer) {
    let feed = data.health
    screen.box(rect, title: PanelTitle.text(Strings.health, feed: feed))
    let inner = rect.inner
    guard let services = feed.value else {
      screen.line(feed.error.map(UntrustedText.line) ?? Strings.loading, in: inner, row: 0)
      return
    }
    for (offset, service) in services.prefix(inner.height).enumerated() {
      let style: Style = feed.isStale ? .stale : style(of: service.state)
      screen.line(line(for: service), in: inner, row: offset, style: style)
    }
  }

  static func line(for service: ServiceHealth) -> String {
    let name = TextWidth.fit(UntrustedText.line(service.name), to: 10)
    let state = TextWidth.fit(label(of: service.state), to: 8)
    // A service that is not up has no latency worth showing; its reason gets the room.
    if service.state != .up { return name + state + UntrustedText.line(service.detail ?? "") }
    return name + state + (service.latencyMs.map(Strings.latency) ?? "")
  }

  static func label(of state: ServiceHealth.State) -> String {
    switch state {
    case .up: return Strings.up
    case .down: return Strings.down
    case .unknown: return Strings.unknown
    }
  }

  static func style(of state: ServiceHealth.State) -> Style {
    switch state {
    case .up: return .up
    case .down: return .down
    case .unknown: return .dim
    }
  }
}

/// Panel titles that say STALE when the figures are old.
enum PanelTitle {
  static func text<Value>(_ name: String, feed: Feed<Value>) -> String {
    guard feed.isStale else { return name }
    return name + " " + Strings.stale(since: feed.lastSuccess.map(clock))
  }

  /// hh:mm:ss of a date in local time.
  static func clock(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970)
    var parts = tm()
    localtime_r(&seconds, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
  }
}

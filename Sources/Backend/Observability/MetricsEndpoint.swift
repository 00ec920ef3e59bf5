import HTTPServer
import Shared

/// Serves `/metrics` (Prometheus text) and `/health` (JSON) for the worker and the scheduler.
public enum MetricsEndpoint {
  /// Threads of the metrics server: scrapes and probes are rare and quick.
  static let serverThreads = 2

  /// Starts a server on the port; `health` reports the process's view of its dependencies.
  public static func start(
    host: String, port: UInt16, registry: MetricsRegistry,
    health: @escaping @Sendable () -> HealthReport
  ) throws -> HTTPServer {
    try HTTPServer(host: host, port: port, threads: serverThreads) { request in
      switch request.path {
      case "/metrics":
        return .text(status: 200, registry.render(), contentType: MetricsRegistry.contentType)
      case "/health":
        let report = health()
        return .json(status: report.status == "ok" ? 200 : 503, report)
      default:
        return .text(status: 404, "not found\n", contentType: "text/plain; charset=utf-8")
      }
    }
  }
}

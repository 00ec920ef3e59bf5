import HTTPServer
import Shared

/// `GET /health` and `GET /metrics`: open routes for probes and Prometheus.
struct HealthRoutes: Sendable {
  let probe: ServiceProbe
  let metrics: MetricsRegistry

  func register(in router: inout Router) {
    router.add("GET", "/health", .open) { [probe] _ throws(APIError) in
      let (report, status) = probe.report(version: SeraVersion.current)
      return .json(status: status, report)
    }
    router.add("GET", "/metrics", .open) { [metrics] _ throws(APIError) in
      .text(status: 200, metrics.render(), contentType: MetricsRegistry.contentType)
    }
  }
}

import HTTPServer
import Shared

/// `GET /health` and `GET /metrics`: open routes for probes and Prometheus.
struct HealthRoutes: Sendable {
  let probe: ServiceProbe
  let metrics: MetricsRegistry

  func register(in router: inout Router) {
    router.add("GET", "/health", .open) { [probe] _ throws(APIError) in
      probe.healthResponse(version: SeraVersion.current)
    }
    router.add("GET", "/metrics", .open) { [metrics] _ throws(APIError) in
      .text(status: 200, metrics.render(), contentType: MetricsRegistry.contentType)
    }
  }
}

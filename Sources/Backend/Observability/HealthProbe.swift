import Dispatch
import FoundationEssentials
import Postgres
import Redis
import Shared

/// The `/health` answer of the worker and the scheduler: whether Redis and PostgreSQL answer.
enum HealthProbe {
  static func report(redis: RedisPool, postgres: PostgresPool) -> HealthReport {
    let services = [
      probe("redis") { redis.ping() },
      probe("postgres") { (try? postgres.query("SELECT 1")) != nil },
    ]
    let ok = services.allSatisfy { $0.state == .up }
    return HealthReport(
      status: ok ? "ok" : "degraded", version: SeraVersion.current, services: services)
  }

  private static func probe(_ name: String, _ check: () -> Bool) -> ServiceHealth {
    let started = DispatchTime.now()
    let up = check()
    let ms = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
    return ServiceHealth(name: name, state: up ? .up : .down, latencyMs: ms)
  }
}

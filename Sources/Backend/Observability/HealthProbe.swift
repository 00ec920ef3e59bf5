import Dispatch
import FoundationEssentials
import Postgres
import Redis
import Shared

/// The `/health` answer of the worker and the scheduler: whether Redis and PostgreSQL answer.
enum HealthProbe {
  /// Redis and PostgreSQL, plus for a worker (`consuming` given) whether it takes work: a
  /// worker is ready only when it is connected and its slots are fetching.
  static func report(
    redis: RedisPool, postgres: PostgresPool, consuming: (@Sendable () -> Bool)? = nil
  ) -> HealthReport {
    var services = [
      probe("redis") { redis.ping() },
      probe("postgres") { (try? postgres.query("SELECT 1")) != nil },
    ]
    if let consuming { services.append(probe("consumer", consuming)) }
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

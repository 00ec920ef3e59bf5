import Dispatch
import FoundationEssentials
import HTTPClient
import HTTPServer
import Postgres
import Redis
import Shared
import Synchronization

/// Checks every service of the runbook's map at once, each with a short timeout, so a health
/// request answers within about two seconds whatever is down.
///
/// `/health` answers from the last check while it is younger than `maxAgeSeconds`, and requests
/// arriving during a check wait for that one check rather than starting their own: a load
/// balancer or a benchmark polling it thousands of times a second costs one check per quarter
/// second, and a service that goes down still shows within a quarter second plus the check.
final class ServiceProbe: Sendable {
  static let maxAgeSeconds = 0.25
  // The whole check never takes longer than this; a probe still running is reported down.
  static let budgetSeconds = 1.8
  // Each probe's own limit; below the budget so its real failure reason is usually seen.
  static let probeTimeoutSeconds = 1.0

  private let postgres: PostgresPool
  private let redisSettings: RedisSettings
  private let workerURL: String
  private let schedulerURL: String
  private let client = HTTPClient(timeoutSeconds: ServiceProbe.probeTimeoutSeconds)
  private let latest = Mutex<CachedHealth?>(nil)
  /// Held while a check runs, so concurrent requests share it.
  private let checking = Mutex(())

  /// One finished check, encoded once for every request that reads it.
  private struct CachedHealth: Sendable {
    let response: HTTPResponse
    let takenAt: ContinuousClock.Instant
  }

  /// A probe with its own one-connection PostgreSQL pool, so busy API requests cannot starve it.
  init(configuration: Configuration) {
    self.postgres = PostgresPool(
      settings: configuration.postgres, maxConnections: 1,
      waitSeconds: ServiceProbe.probeTimeoutSeconds)
    self.redisSettings = configuration.redis
    self.workerURL = "http://127.0.0.1:\(configuration.workerMetricsPort)/health"
    self.schedulerURL = "http://127.0.0.1:\(configuration.schedulerMetricsPort)/health"
  }

  /// The health of backend, postgres, redis, worker and scheduler, in that order.
  func services() -> [ServiceHealth] {
    let probes: [(String, @Sendable () throws -> Void)] = [
      ("postgres", { [postgres] in _ = try postgres.query("SELECT 1") }),
      ("redis", { [redisSettings] in try ServiceProbe.ping(redisSettings) }),
      ("worker", { [client, workerURL] in try ServiceProbe.get(workerURL, client) }),
      ("scheduler", { [client, schedulerURL] in try ServiceProbe.get(schedulerURL, client) }),
    ]
    let results = Mutex<[String: ServiceHealth]>([:])
    let group = DispatchGroup()
    for (name, probe) in probes {
      // A queue of its own each: blocking probes must not wait for one another (P5).
      DispatchQueue(label: "sera.health.\(name)").async(group: group) {
        let health = ServiceProbe.measure(name, probe)
        results.withLock { $0[name] = health }
      }
    }
    _ = group.wait(timeout: .now() + ServiceProbe.budgetSeconds)
    let done = results.withLock { $0 }
    let backend = ServiceHealth(name: "backend", state: .up, latencyMs: 0)
    return [backend]
      + probes.map { name, _ in
        done[name]
          ?? ServiceHealth(name: name, state: .down, detail: "no answer within the health budget")
      }
  }

  /// The `/health` answer: the last check while it is fresh, else a new one.
  func healthResponse(version: String) -> HTTPResponse {
    if let fresh = freshResponse() { return fresh }
    return checking.withLock { _ in
      // Another request may have finished a check while this one waited for the lock.
      if let fresh = freshResponse() { return fresh }
      let (report, status) = self.report(version: version)
      let response = HTTPResponse.json(status: status, report)
      latest.withLock { $0 = CachedHealth(response: response, takenAt: .now) }
      return response
    }
  }

  private func freshResponse() -> HTTPResponse? {
    latest.withLock { cached in
      guard let cached, ContinuousClock.now - cached.takenAt < .seconds(Self.maxAgeSeconds)
      else { return nil }
      return cached.response
    }
  }

  /// The `/health` report and its status: 200 when PostgreSQL and Redis are up, else 503.
  func report(version: String) -> (HealthReport, Int) {
    let services = self.services()
    let required = services.filter { $0.name == "postgres" || $0.name == "redis" }
    let healthy = required.allSatisfy { $0.state == .up }
    let report = HealthReport(
      status: healthy ? "ok" : "degraded", version: version, services: services)
    return (report, healthy ? 200 : 503)
  }

  private static func measure(_ name: String, _ probe: () throws -> Void) -> ServiceHealth {
    let start = ContinuousClock.now
    var failure: String?
    do { try probe() } catch { failure = String(describing: error) }
    let elapsed = ContinuousClock.now - start
    let ms =
      Double(elapsed.components.seconds) * 1000
      + Double(elapsed.components.attoseconds) / 1e15
    return ServiceHealth(
      name: name, state: failure == nil ? .up : .down, latencyMs: (ms * 100).rounded() / 100,
      detail: failure)
  }

  /// A fresh connection each time, with short timeouts: the shared pool may be in backoff.
  private static func ping(_ settings: RedisSettings) throws {
    let connection = try RedisConnection(
      settings: settings, connectTimeout: 0.5, commandTimeout: probeTimeoutSeconds)
    let reply = try connection.command(["PING"])
    guard reply == .status("PONG") else { throw ProbeFailure("PING answered \(reply)") }
  }

  private static func get(_ url: String, _ client: HTTPClient) throws {
    let response = try client.send(url: url)
    guard response.status == 200 else { throw ProbeFailure("answered HTTP \(response.status)") }
  }
}

/// A probe that got an answer, but not a healthy one.
struct ProbeFailure: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) {
    self.description = description
  }
}

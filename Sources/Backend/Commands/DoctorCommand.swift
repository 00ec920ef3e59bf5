import Dispatch
import FoundationEssentials
import HTTPClient
import Postgres
import Redis
import Shared
import Synchronization

/// `sera doctor`: the runbook's quick health check across every service, as a table; the exit
/// code is 1, and the last line names them, when any service is down.
struct DoctorCommand: SeraCommand {
  static let name = "doctor"
  static let summary = "check every service (backend, worker, scheduler, stores, monitoring)"

  public static let usage = """
    usage: sera doctor
      Checks backend /health, worker and scheduler /health, PostgreSQL and Redis, and Qdrant,
      n8n, Prometheus, Grafana and Loki when QDRANT_URL, N8N_BASE_URL, PROMETHEUS_BASE_URL,
      GRAFANA_BASE_URL or LOKI_BASE_URL is set. Exit code 1 when any is down.
    """

  /// Each probe's limit. Probes run at once, so the table takes about this long at worst.
  static let timeoutSeconds = 3.0

  static func run(arguments: [String], context: CommandContext) throws -> Int32 {
    guard arguments.isEmpty else { throw UsageError(usage) }
    let settings = try OperationsSettings(environment: context.configuration.environment)
    let results = DoctorCheck.runAll(checks(context.configuration, settings))
    context.output(table(results))
    let down = results.filter { !$0.up }.map(\.name)
    guard down.isEmpty else {
      context.output("down: " + down.joined(separator: ", "))
      return 1
    }
    context.output("all \(results.count) services up")
    return 0
  }

  /// The runbook's service map, in its order; the optional services only when configured.
  static func checks(_ configuration: Configuration, _ settings: OperationsSettings)
    -> [DoctorCheck]
  {
    let postgres = configuration.postgres
    let redis = configuration.redis
    var checks = [
      DoctorCheck.http("backend", settings.backendURL + "/health"),
      DoctorCheck.http("worker", settings.workerURL + "/health"),
      DoctorCheck.http("scheduler", settings.schedulerURL + "/health"),
      DoctorCheck(name: "postgres", target: "\(postgres.host):\(postgres.port)") {
        _ = try PostgresConnection(settings: postgres).query("SELECT 1")
      },
      DoctorCheck(name: "redis", target: "\(redis.host):\(redis.port)") {
        let connection = try RedisConnection(
          settings: redis, connectTimeout: timeoutSeconds, commandTimeout: timeoutSeconds)
        let reply = try connection.command(["PING"])
        guard reply == .status("PONG") else { throw ProbeFailure("PING answered \(reply)") }
      },
    ]
    let optional: [(String, String?, String)] = [
      ("qdrant", settings.qdrantURL, "/healthz"), ("n8n", settings.n8nURL, "/healthz"),
      ("prometheus", settings.prometheusURL, "/-/healthy"),
      ("grafana", settings.grafanaURL, "/api/health"), ("loki", settings.lokiURL, "/ready"),
    ]
    for (name, base, path) in optional {
      if let base { checks.append(.http(name, base + path)) }
    }
    return checks
  }

  static func table(_ results: [DoctorResult]) -> String {
    let nameWidth = max(7, results.map(\.name.count).max() ?? 0) + 2
    let targetWidth = max(6, results.map(\.target.count).max() ?? 0) + 2
    let header =
      "SERVICE".padding(toLength: nameWidth) + "STATE ".padding(toLength: 7)
      + "TARGET".padding(toLength: targetWidth) + "LATENCY   DETAIL"
    let rows = results.map { result in
      let latency = "\((result.milliseconds * 10).rounded() / 10) ms"
      return result.name.padding(toLength: nameWidth)
        + (result.up ? "up" : "DOWN").padding(toLength: 7)
        + result.target.padding(toLength: targetWidth) + latency.padding(toLength: 10)
        + result.detail
    }
    return ([header] + rows).joined(separator: "\n")
  }
}

/// One service check of `sera doctor`: it passes when `probe` returns without throwing.
struct DoctorCheck: Sendable {
  let name: String
  let target: String
  let probe: @Sendable () throws -> Void

  /// A GET that must answer 2xx within the doctor's timeout.
  static func http(_ name: String, _ url: String) -> DoctorCheck {
    let client = HTTPClient(timeoutSeconds: DoctorCommand.timeoutSeconds)
    return DoctorCheck(name: name, target: url) {
      let response = try client.send(url: url)
      guard (200..<300).contains(response.status) else {
        throw ProbeFailure("answered HTTP \(response.status)")
      }
    }
  }

  /// Runs every check at once, each on its own thread (they block), and keeps their order.
  static func runAll(_ checks: [DoctorCheck]) -> [DoctorResult] {
    let results = Mutex([DoctorResult?](repeating: nil, count: checks.count))
    DispatchQueue.concurrentPerform(iterations: checks.count) { index in
      let result = checks[index].measure()
      results.withLock { $0[index] = result }
    }
    return results.withLock { $0.compactMap { $0 } }
  }

  private func measure() -> DoctorResult {
    let start = ContinuousClock.now
    var detail = ""
    var up = true
    do { try probe() } catch {
      up = false
      detail = String(describing: error)
    }
    let elapsed = ContinuousClock.now - start
    let milliseconds =
      Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    return DoctorResult(
      name: name, target: target, up: up, milliseconds: milliseconds,
      detail: detail.split(whereSeparator: \.isNewline).first.map(String.init) ?? "")
  }
}

/// What one doctor check found.
struct DoctorResult: Sendable {
  let name: String
  let target: String
  let up: Bool
  let milliseconds: Double
  let detail: String
}

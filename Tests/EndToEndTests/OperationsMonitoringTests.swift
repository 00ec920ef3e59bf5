import Foundation
import HTTPClient
import Testing

/// The monitoring stack against real Sera processes: every metric the dashboards and alerts
/// query is exported, and a real Prometheus scrapes backend, worker and scheduler.
@Suite(.serialized) struct OperationsMonitoringTests {
  @Test func everyMetricTheDashboardsAndAlertsQueryIsExported() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    // start() waits for the backend only; the worker's and scheduler's ports open a moment later.
    let client = HTTPClient(timeoutSeconds: 5)
    let listening = waitUntil(seconds: 20) {
      stack.metricsURLs().allSatisfy { (try? client.send(url: $0).status) == 200 }
    }
    #expect(listening, "\(stack.logs())")
    let exported = try MetricNames.exported(by: stack.metricsURLs())

    var queried: [String: Set<String>] = [:]
    for file in ["taskiq_metrics", "llm_costs", "sera_backend"] {
      queried[file + ".json"] = try MetricNames.dashboardQueries(stack.root.path, file)
    }
    queried["alerts.yml"] = try MetricNames.alertQueries(stack.root.path)
    for (file, names) in queried {
      #expect(!names.isEmpty, "\(file) queries no metric")
      // `up` is made by Prometheus itself for every target.
      let missing = names.subtracting(exported).subtracting(["up"])
      #expect(missing.isEmpty, "\(file) queries metrics Sera does not export: \(missing.sorted())")
    }
  }

  @Test func aRealPrometheusScrapesBackendWorkerAndScheduler() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    let port = freeLoopbackPort()
    let directory = stack.workDirectory + "/prometheus"
    try FileManager.default.createDirectory(
      atPath: directory + "/data", withIntermediateDirectories: true)
    let targets = zip(["backend", "worker", "scheduler"], stack.metricsURLs()).map { job, url in
      "  - job_name: \(job)\n    static_configs:\n      - targets: ['\(url.dropFirst(7).prefix { $0 != "/" })']"
    }
    let config =
      "global:\n  scrape_interval: 1s\nscrape_configs:\n" + targets.joined(separator: "\n")
    try config.write(toFile: directory + "/prometheus.yml", atomically: true, encoding: .utf8)
    let prometheus = try ManagedProcess(
      name: "prometheus", executable: "/usr/bin/prometheus",
      arguments: [
        "--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/data",
        "--web.listen-address=127.0.0.1:\(port)",
      ], environment: stack.environment, logDirectory: directory)
    defer { prometheus.stop() }

    let client = HTTPClient(timeoutSeconds: 5)
    var health: [String: String] = [:]
    let allUp = waitUntil(seconds: 60) {
      guard
        let response = try? client.send(url: "http://127.0.0.1:\(port)/api/v1/targets"),
        let body = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
        let data = body["data"] as? [String: Any],
        let active = data["activeTargets"] as? [[String: Any]]
      else { return false }
      health = Dictionary(
        active.map {
          (($0["labels"] as? [String: String])?["job"] ?? "?", $0["health"] as? String ?? "?")
        },
        uniquingKeysWith: { first, _ in first })
      return health.count == 3 && health.values.allSatisfy { $0 == "up" }
    }
    #expect(allUp, "targets: \(health)\n\(prometheus.log().suffix(2000))")
  }
}

extension LiveStack {
  /// The /metrics URLs of backend, worker and scheduler, in that order.
  func metricsURLs() -> [String] {
    ["SERA_HTTP_PORT", "METRICS_PORT", "SCHEDULER_METRICS_PORT"].map {
      "http://127.0.0.1:\(environment[$0] ?? "0")/metrics"
    }
  }
}

/// Metric names: those a process exports (from its `# TYPE` lines) and those a query reads.
enum MetricNames {
  /// Every series name the endpoints expose; a histogram also yields _bucket, _sum and _count.
  static func exported(by urls: [String]) throws -> Set<String> {
    let client = HTTPClient(timeoutSeconds: 10)
    var names: Set<String> = []
    for url in urls {
      let text = String(decoding: try client.send(url: url).body, as: UTF8.self)
      for line in text.split(separator: "\n") where line.hasPrefix("# TYPE ") {
        let words = line.split(separator: " ")
        guard words.count == 4 else { continue }
        let name = String(words[2])
        names.insert(name)
        if words[3] == "histogram" || words[3] == "summary" {
          names.formUnion([name + "_sum", name + "_count"])
        }
        if words[3] == "histogram" { names.insert(name + "_bucket") }
      }
    }
    return names
  }

  /// The metric names of a dashboard's Prometheus queries (Loki panels are skipped).
  static func dashboardQueries(_ root: String, _ uid: String) throws -> Set<String> {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: root + "/infra/grafana/dashboards/\(uid).json"))
    let dashboard = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    var names: Set<String> = []
    for panel in dashboard["panels"] as? [[String: Any]] ?? [] {
      for target in panel["targets"] as? [[String: Any]] ?? [] {
        let source = (target["datasource"] as? [String: Any])?["type"] as? String
        guard source == "prometheus", let expr = target["expr"] as? String else { continue }
        names.formUnion(inPromQL(expr))
      }
    }
    return names
  }

  /// The metric names of every alert rule's expression (YAML read with python3-yaml).
  static func alertQueries(_ root: String) throws -> Set<String> {
    let script =
      "import sys,yaml; [print(r['expr'].replace('\\n',' ')) for g in "
      + "yaml.safe_load(open(sys.argv[1]))['groups'] for r in g['rules']]"
    let result = try runCommand(
      "/usr/bin/python3", ["-c", script, root + "/infra/prometheus/alerts.yml"],
      environment: ProcessInfo.processInfo.environment)
    return result.output.split(separator: "\n").reduce(into: []) {
      $0.formUnion(inPromQL(String($1)))
    }
  }

  /// Identifiers that are not functions, aggregations, keywords, label names or durations.
  static func inPromQL(_ expr: String) -> Set<String> {
    var text = expr
    for pattern in [
      #""[^"]*""#, #"\{[^}]*\}"#, #"\[[^\]]*\]"#,
      #"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)"#,
    ] {
      text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
    }
    let keywords: Set = ["and", "or", "unless", "bool", "offset", "inf", "nan"]
    let identifier = try! NSRegularExpression(
      pattern: #"(?<![\w.:])[a-zA-Z_:][\w:]*(?![\w:])(?!\s*\()"#)
    let range = NSRange(text.startIndex..., in: text)
    return Set(
      identifier.matches(in: text, range: range).compactMap { Range($0.range, in: text) }
        .map { String(text[$0]) }.filter { !keywords.contains($0.lowercased()) })
  }
}

import Foundation
import Testing

/// Prometheus' scrape config and alert rules (checked and unit-tested by promtool) and the
/// provisioned Grafana dashboards.
@Suite struct MonitoringConfigTests {
  static let alerts = [
    "TaskFailureRateHigh", "QueueDepthHigh", "GenerateDraftSlow", "LLMErrorRateHigh", "TargetDown",
  ]

  @Test func promtoolAcceptsTheScrapeConfigAndTheRules() throws {
    let config = try InfraTool.run(
      "/usr/bin/promtool", ["check", "config", "infra/prometheus/prometheus.yml"])
    #expect(config.status == 0, "\(config.output)\(config.errors)")
    let rules = try InfraTool.run(
      "/usr/bin/promtool", ["check", "rules", "infra/prometheus/alerts.yml"])
    #expect(rules.status == 0, "\(rules.output)\(rules.errors)")
  }

  @Test func everyAlertPassesItsPromtoolUnitTests() throws {
    let result = try InfraTool.run(
      "/usr/bin/promtool", ["test", "rules", "infra/prometheus/alerts_test.yml"])
    #expect(result.status == 0, "\(result.output)\(result.errors)")
  }

  @Test func everyAlertIsTestedFiringAndQuietAndPointsAtTheRunbook() throws {
    let rulesFile = try InfraTool.yamlFile("infra/prometheus/alerts.yml") as? [String: Any]
    let groups = rulesFile?["groups"] as? [[String: Any]] ?? []
    let rules = groups.flatMap { $0["rules"] as? [[String: Any]] ?? [] }
    #expect(rules.compactMap { $0["alert"] as? String }.sorted() == Self.alerts.sorted())
    for rule in rules {
      let annotations = rule["annotations"] as? [String: String] ?? [:]
      #expect(annotations["runbook"]?.hasPrefix("Runbook ") == true, "\(rule["alert"] ?? "")")
    }

    let testFile = try InfraTool.yamlFile("infra/prometheus/alerts_test.yml") as? [String: Any]
    let cases = (testFile?["tests"] as? [[String: Any]] ?? [])
      .flatMap { $0["alert_rule_test"] as? [[String: Any]] ?? [] }
    for alert in Self.alerts {
      let mine = cases.filter { $0["alertname"] as? String == alert }
      let firing = mine.filter { !($0["exp_alerts"] as? [Any] ?? []).isEmpty }
      #expect(!firing.isEmpty, "\(alert) is never tested firing")
      #expect(firing.count < mine.count, "\(alert) is never tested quiet")
    }
  }

  @Test func dashboardsCarryTheRunbookUidsAndPanels() throws {
    let expected: [String: [String]] = [
      "taskiq_metrics": ["Task failure rate", "Queue depth", "Task duration p95"],
      "llm_costs": ["LLM error rate", "Token usage per day", "Cost per day", "Cost per draft"],
      "sera_backend": ["Requests by handler", "Request duration p95"],
    ]
    for (uid, titles) in expected {
      let dashboard = try MonitoringConfigTests.dashboard(uid)
      #expect(dashboard["uid"] as? String == uid)
      let panels = dashboard["panels"] as? [[String: Any]] ?? []
      let present = Set(panels.compactMap { $0["title"] as? String })
      for title in titles { #expect(present.contains(title), "\(uid) lacks panel \(title)") }
      let ids = panels.compactMap { $0["id"] as? Int }
      #expect(Set(ids).count == panels.count, "\(uid) repeats a panel id")
    }
  }

  @Test func provisioningNamesTheDatasourceUidsTheDashboardsUse() throws {
    let file = try InfraTool.yamlFile("infra/grafana/provisioning/datasources/datasources.yml")
    let sources = (file as? [String: Any])?["datasources"] as? [[String: Any]] ?? []
    let uids = Set(sources.compactMap { $0["uid"] as? String })
    for uid in ["taskiq_metrics", "llm_costs", "sera_backend"] {
      let panels = try MonitoringConfigTests.dashboard(uid)["panels"] as? [[String: Any]] ?? []
      for panel in panels {
        let source = (panel["datasource"] as? [String: Any])?["uid"] as? String ?? "<none>"
        #expect(uids.contains(source), "\(uid) panel uses unknown datasource \(source)")
      }
    }
  }

  static func dashboard(_ uid: String) throws -> [String: Any] {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: InfraTool.root + "/infra/grafana/dashboards/\(uid).json"))
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
  }
}

/// Loki and promtail cannot run here (no Debian package), so their files are read as YAML and
/// checked for what the runbook's log queries rely on.
@Suite struct LogShippingConfigTests {
  @Test func lokiDeletesLogsAfterTheRetentionPeriod() throws {
    let loki = try #require(try InfraTool.yamlFile("infra/loki/loki.yml") as? [String: Any])
    let compactor = try #require(loki["compactor"] as? [String: Any])
    #expect(compactor["retention_enabled"] as? Bool == true)
    let limits = try #require(loki["limits_config"] as? [String: Any])
    let period = try #require(limits["retention_period"] as? String)
    #expect(period.hasSuffix("h") && (Int(period.dropLast()) ?? 0) >= 24 * 7)
  }

  @Test func promtailLabelsEachLineWithItsServiceLevelAndTaskName() throws {
    let promtail = try #require(
      try InfraTool.yamlFile("infra/promtail/promtail.yml") as? [String: Any])
    let clients = try #require(promtail["clients"] as? [[String: Any]])
    #expect(clients.map { $0["url"] as? String } == ["http://loki:3100/loki/api/v1/push"])
    let job = try #require((promtail["scrape_configs"] as? [[String: Any]])?.first)
    let relabels = try #require(job["relabel_configs"] as? [[String: Any]])
    #expect(relabels.contains { $0["target_label"] as? String == "service" })
    let stages = try #require(job["pipeline_stages"] as? [[String: Any]])
    let json = try #require(stages.compactMap { $0["json"] as? [String: Any] }.first)
    let expressions = try #require(json["expressions"] as? [String: Any])
    #expect(expressions["level"] as? String == "level")
    #expect(expressions["task_name"] as? String == "task_name")
    let labels = try #require(stages.compactMap { $0["labels"] as? [String: Any] }.first)
    #expect(Set(labels.keys) == ["level", "task_name"])
  }
}

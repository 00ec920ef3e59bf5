import Foundation
import Testing

/// The production stack as the runbook runs it: the root compose file plus the production override.
@Suite struct ComposeConfigTests {
  static let secrets = [
    "POSTGRES_PASSWORD": "pg-secret-for-test", "REDIS_PASSWORD": "redis-secret-for-test",
    "QDRANT_API_KEY": "qdrant-key-for-test", "GRAFANA_PASSWORD": "grafana-secret-for-test",
    "SERA_DOMAIN": "sera.example.org",
  ]
  /// Services the runbook reaches on the host as localhost:<port>; bound to loopback only.
  static let loopbackOnly: Set = ["backend", "n8n", "prometheus", "grafana", "loki"]

  /// `docker-compose config` of both files, run on a copy of them next to a throwaway .env (the
  /// production file reads Sera's settings from .env, which the repository never holds).
  static func productionConfig(environment: [String: String]) throws -> (
    status: Int32, output: String, errors: String
  ) {
    let directory = NSTemporaryDirectory() + "sera-compose-" + UUID().uuidString
    let files = FileManager.default
    try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? files.removeItem(atPath: directory) }
    try files.copyItem(atPath: InfraTool.root + "/infra", toPath: directory + "/infra")
    try files.copyItem(
      atPath: InfraTool.root + "/docker-compose.yml", toPath: directory + "/docker-compose.yml")
    try "SERA_LOG_LEVEL=info\n".write(
      toFile: directory + "/.env", atomically: true, encoding: .utf8)
    return try InfraTool.run(
      "/usr/bin/docker-compose",
      ["-f", "docker-compose.yml", "-f", "infra/docker-compose.prod.yml", "config"],
      in: directory, environment: environment)
  }

  static func services() throws -> [String: [String: Any]] {
    let result = try productionConfig(environment: secrets)
    #expect(result.status == 0, "docker-compose config failed: \(result.errors)")
    let config = try InfraTool.yaml(result.output) as? [String: Any]
    return config?["services"] as? [String: [String: Any]] ?? [:]
  }

  @Test func theProductionConfigValidatesWithEveryRunbookService() throws {
    let services = try Self.services()
    let expected: Set = [
      "backend", "worker", "scheduler", "postgres", "redis", "qdrant", "n8n", "prometheus",
      "grafana", "loki", "promtail", "nginx",
    ]
    #expect(Set(services.keys) == expected)
    for (name, service) in services {
      #expect(service["restart"] as? String == "unless-stopped", "\(name) has no restart policy")
      if name != "promtail" {
        #expect(service["healthcheck"] != nil, "\(name) has no health check")
      }
    }
  }

  @Test func onlyNginxPublishesAPortToTheNetwork() throws {
    for (name, service) in try Self.services() {
      let ports = service["ports"] as? [Any] ?? []
      let published = ports.map { String(describing: $0) }
      if name == "nginx" {
        #expect(published.contains { $0.contains("443") }, "nginx does not publish 443")
      } else if Self.loopbackOnly.contains(name) {
        #expect(published.allSatisfy { $0.hasPrefix("127.0.0.1:") }, "\(name): \(published)")
      } else {
        #expect(published.isEmpty, "\(name) publishes \(published) on the host")
      }
    }
  }

  @Test func redisQdrantAndGrafanaRequireTheirSecrets() throws {
    let services = try Self.services()
    let redis = services["redis"] ?? [:]
    let redisEnvironment = redis["environment"] as? [String: String] ?? [:]
    #expect(redisEnvironment["REDIS_PASSWORD"] == Self.secrets["REDIS_PASSWORD"])
    let command = (redis["command"] as? [String] ?? []).joined(separator: " ")
    #expect(command.contains("requirepass"), "redis command sets no password: \(command)")
    for client in ["backend", "worker", "scheduler"] {
      let environment = services[client]?["environment"] as? [String: String] ?? [:]
      #expect(environment["REDIS_PASSWORD"] == Self.secrets["REDIS_PASSWORD"], "\(client)")
      #expect(environment["QDRANT_API_KEY"] == Self.secrets["QDRANT_API_KEY"], "\(client)")
    }
    let qdrant = services["qdrant"]?["environment"] as? [String: String] ?? [:]
    #expect(qdrant["QDRANT__SERVICE__API_KEY"] == Self.secrets["QDRANT_API_KEY"])
    let grafana = services["grafana"]?["environment"] as? [String: String] ?? [:]
    #expect(grafana["GF_SECURITY_ADMIN_PASSWORD"] == Self.secrets["GRAFANA_PASSWORD"])
  }

  @Test func productionRefusesToStartWithoutARedisPassword() throws {
    var environment = Self.secrets
    environment["REDIS_PASSWORD"] = ""
    let result = try Self.productionConfig(environment: environment)
    #expect(result.status != 0)
    #expect(result.errors.contains("REDIS_PASSWORD"))
  }

  @Test func workersCanBeScaledBecauseNothingPinsThem() throws {
    let worker = try Self.services()["worker"] ?? [:]
    #expect(worker["container_name"] == nil)
    #expect(worker["ports"] == nil)
    #expect((worker["command"] as? [String]) == ["worker"])
  }
}

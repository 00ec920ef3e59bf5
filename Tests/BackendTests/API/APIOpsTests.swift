import Backend
import HTTPServer
import Shared
import Testing

@Suite("API health and ops", .serialized)
struct APIOpsTests {
  @Test("health is 200 with postgres and redis up, and reports the worker down")
  func healthUp() throws {
    let harness = try APITestHarness()
    let response = harness.send("GET", "/health")
    #expect(response.status == 200)
    let report = try SeraJSON.decode(HealthReport.self, from: response.body)
    #expect(report.status == "ok")
    let states = Dictionary(uniqueKeysWithValues: report.services.map { ($0.name, $0.state) })
    #expect(states["postgres"] == .up)
    #expect(states["redis"] == .up)
    #expect(states["backend"] == .up)
    #expect(states["worker"] == .down)
    #expect(report.services.first { $0.name == "worker" }?.detail != nil)
  }

  @Test("health is 503 with the reason when Redis cannot be reached")
  func healthWithoutRedis() throws {
    let harness = try APITestHarness(redisPort: 1)
    let response = harness.send("GET", "/health")
    #expect(response.status == 503)
    let report = try SeraJSON.decode(HealthReport.self, from: response.body)
    #expect(report.status == "degraded")
    let redis = report.services.first { $0.name == "redis" }
    #expect(redis?.state == .down)
    #expect(redis?.detail?.contains("redis") == true)
  }

  @Test("the ops summary answers even with Redis down, and counts the queue when it is up")
  func opsSummary() throws {
    let up = try APITestHarness()
    _ = up.send(
      "POST", "/api/v1/drafts", token: up.physician, json: #"{"topic":"x","platform":"threads"}"#)
    let snapshot = try SeraJSON.decode(
      OpsSnapshot.self, from: up.send("GET", "/api/v1/ops/summary", token: up.oncall).body)
    #expect(snapshot.queue.depth == 1)
    let down = try APITestHarness(redisPort: 1)
    let response = down.send("GET", "/api/v1/ops/summary", token: down.oncall)
    #expect(response.status == 200)
    let degraded = try SeraJSON.decode(OpsSnapshot.self, from: response.body)
    #expect(degraded.services.first { $0.name == "redis" }?.state == .down)
  }

  @Test("metrics count answered requests by route")
  func metrics() throws {
    let harness = try APITestHarness()
    _ = harness.send("GET", "/api/v1/me", token: harness.physician)
    let text = String(decoding: harness.send("GET", "/metrics").body, as: UTF8.self)
    #expect(text.contains("http_requests_total"))
    #expect(text.contains("/api/v1/me"))
    #expect(text.contains("http_request_duration_seconds"))
  }

  @Test("an operator reindex is queued once; a second while queued is refused")
  func reindex() throws {
    let harness = try APITestHarness()
    try harness.redis.checked(["DEL", "sera:reindex:progress"])
    let idle = harness.send("GET", "/api/v1/reindex", token: harness.oncall)
    #expect(try SeraJSON.decode(ReindexProgress.self, from: idle.body).state == .idle)
    let started = harness.send("POST", "/api/v1/reindex", token: harness.operatorToken)
    #expect(started.status == 202)
    let progress = try SeraJSON.decode(ReindexProgress.self, from: started.body)
    #expect(progress.state == .queued)
    #expect(try harness.queuedMessages().map(\.taskName) == ["reindex_knowledge_base"])
    #expect(harness.send("POST", "/api/v1/reindex", token: harness.operatorToken).status == 409)
    let read = harness.send("GET", "/api/v1/reindex", token: harness.physician)
    #expect(try SeraJSON.decode(ReindexProgress.self, from: read.body).taskId == progress.taskId)
    try harness.redis.checked(["DEL", "sera:reindex:progress"])
  }
}

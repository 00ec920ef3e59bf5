import Foundation
import Shared
import Testing

/// The first issue's path through real processes: request, generate, approve, publish.
@Suite(.serialized) struct DraftLifecycleTests {
  @Test func aDraftGoesFromTopicToPublishedPostThroughTheAPI() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    let token = try stack.token(role: .physician)

    let queued = try stack.call(
      QueuedDraft.self, "POST", "/api/v1/drafts", token: token,
      body: CreateDraftRequest(topic: "sleep hygiene for shift workers", platform: .telegram))
    #expect(queued.draft.status == .pending)
    #expect(TaskMessage.isValidTaskId(queued.taskId))

    var draft = queued.draft
    let generated = try waitUntil(seconds: 15) {
      draft = try stack.call(Draft.self, "GET", "/api/v1/drafts/\(draft.id)", token: token)
      return draft.status == .generated
    }
    #expect(generated, "draft stayed \(draft.status): \(stack.logs())")
    #expect(draft.content?.isEmpty == false)
    #expect(draft.sources.contains { $0.kind == .knowledge }, "no knowledge-base source")
    #expect(draft.provider == "offline-composer")

    let result = try stack.redisCLI(["GET", "taskiq:result:\(queued.taskId)"])
    let stored = try JSONDecoder().decode(TaskResult.self, from: Data(result.utf8))
    #expect(stored.isErr == false)
    let ttl = Int(try stack.redisCLI(["TTL", "taskiq:result:\(queued.taskId)"]).trimmed()) ?? -1
    #expect((1...3600).contains(ttl))

    draft = try stack.call(
      Draft.self, "POST", "/api/v1/drafts/\(draft.id)/approve", token: token,
      body: DraftActionRequest(version: draft.version))
    #expect(draft.status == .approved)
    _ = try stack.call(
      QueuedDraft.self, "POST", "/api/v1/drafts/\(draft.id)/publish", token: token,
      body: DraftActionRequest(version: draft.version))
    let published = try waitUntil(seconds: 15) {
      draft = try stack.call(Draft.self, "GET", "/api/v1/drafts/\(draft.id)", token: token)
      return draft.status == .published
    }
    #expect(published, "draft stayed \(draft.status): \(stack.logs())")

    let outbox = try FileManager.default.subpathsOfDirectory(atPath: stack.outboxDirectory)
      .filter { $0.hasSuffix(".txt") }
    #expect(outbox.count == 1, "outbox holds \(outbox)")
    if let file = outbox.first {
      let text = try String(contentsOfFile: stack.outboxDirectory + "/" + file, encoding: .utf8)
      #expect(text.contains(draft.content ?? "<none>"))
    }

    let rows = try runCommand(
      "/usr/bin/psql",
      [
        "-h", stack.database.host, "-p", String(stack.database.port), "-U", stack.database.user,
        "-d", stack.database.database, "-tA", "-c",
        "SELECT id, topic, status, created_at FROM drafts ORDER BY created_at DESC LIMIT 20",
      ],
      environment: stack.environment)
    #expect(rows.output.contains("\(draft.id)|sleep hygiene for shift workers|published|"))
  }

  @Test func tokensAndRolesGuardEveryEndpointButHealthAndMetrics() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    let physician = try stack.token(role: .physician)
    let oncall = try stack.token(role: .oncall)

    #expect(try stack.request("GET", "/health", token: nil).status == 200)
    #expect(try stack.request("GET", "/metrics", token: nil).status == 200)
    for path in ["/api/v1/drafts", "/api/v1/ops/summary", "/api/v1/reindex", "/api/v1/me"] {
      #expect(try stack.request("GET", path, token: nil).status == 401, "\(path) without a token")
      #expect(
        try stack.request("GET", path, token: "sera_wrong").status == 401, "\(path) bad token")
    }

    let queued = try stack.call(
      QueuedDraft.self, "POST", "/api/v1/drafts", token: physician,
      body: CreateDraftRequest(topic: "flu shot myths", platform: .threads))
    let action = DraftActionRequest(version: queued.draft.version)
    for verb in ["approve", "reject", "publish"] {
      let response = try stack.request(
        "POST", "/api/v1/drafts/\(queued.draft.id)/\(verb)", token: oncall, body: action)
      #expect(response.status == 403, "on-call could \(verb)")
    }
    let create = try stack.request(
      "POST", "/api/v1/drafts", token: oncall,
      body: CreateDraftRequest(topic: "x", platform: .telegram))
    #expect(create.status == 403)
    #expect(try stack.request("POST", "/api/v1/reindex", token: physician).status == 403)
    #expect(try stack.request("GET", "/api/v1/ops/summary", token: oncall).status == 200)
  }

  @Test func healthTurns503WhenRedisStopsAndRecovers() throws {
    let stack = try LiveStack()
    defer { stack.shutdown() }
    try stack.start()
    #expect(try stack.health().status == 200)

    stack.stopRedis()
    let down = waitUntil(seconds: 5) { (try? stack.health().status) == 503 }
    #expect(down, "health did not report Redis down within 5 s")
    let report = try SeraJSON.decode(HealthReport.self, from: stack.health().body)
    #expect(report.services.first { $0.name == "redis" }?.state == .down)

    try stack.startRedis()
    let up = waitUntil(seconds: 10) { (try? stack.health().status) == 200 }
    #expect(up, "health did not recover after Redis came back")
  }
}

import FoundationEssentials
import HTTPServer
import Redis
import Shared

/// `POST /api/v1/reindex` queues a knowledge-base reindex; `GET` shows its progress.
struct ReindexRoutes: Sendable {
  let queue: TaskQueue
  let redis: RedisPool
  let logger: Logger

  /// Where the reindex task keeps its `ReindexProgress` JSON.
  static let progressKey = ReindexProgressBoard.key
  // The reindex task's time limit: a full knowledge base takes minutes, not hours.
  static let timeoutLabel = "1800"
  // A queued or running reindex that has not reported for this long is taken as dead.
  static let staleAfterSeconds = 1800.0

  func register(in router: inout Router) {
    let routes = self
    router.add("POST", "/api/v1/reindex", .operate) { _ throws(APIError) in
      try routes.start()
    }
    router.add("GET", "/api/v1/reindex", .read) { _ throws(APIError) in
      .json(try routes.progress())
    }
  }

  /// Writes `queued` before enqueueing, so the task's own `running` is never overwritten.
  func start() throws(APIError) -> HTTPResponse {
    let current = try progress()
    if [.queued, .running].contains(current.state), !isStale(current) {
      throw APIError(
        status: 409, code: "conflict",
        detail: "a reindex is already \(current.state.rawValue) (task \(current.taskId ?? "?"))")
    }
    let message = TaskMessage(
      taskName: TaskName.reindex, labels: ["timeout": ReindexRoutes.timeoutLabel])
    let now = Date()
    let queued = ReindexProgress(
      state: .queued, taskId: message.taskId, startedAt: now, updatedAt: now)
    try save(queued)
    do {
      try queue.enqueue(message)
    } catch {
      logger.error(
        "enqueue_failed", [("task", .string(message.taskName)), ("error", .string("\(error)"))])
      var failed = queued
      failed.state = .failed
      failed.message = "the task queue was unreachable"
      try? save(failed)
      throw .unavailable("the task queue is unreachable; try the reindex again shortly")
    }
    return .json(status: 202, queued)
  }

  /// The stored progress, or `idle` when no reindex ever ran.
  func progress() throws(APIError) -> ReindexProgress {
    let reply: RedisReply
    do {
      reply = try redis.checked(["GET", ReindexRoutes.progressKey])
    } catch {
      throw .unavailable("cannot read reindex progress: Redis is unreachable")
    }
    guard case .string(let bytes) = reply else { return ReindexProgress(state: .idle) }
    guard let stored = try? SeraJSON.decode(ReindexProgress.self, from: bytes) else {
      logger.warning("reindex_progress_unreadable")
      return ReindexProgress(state: .idle, message: "stored progress was unreadable")
    }
    return stored
  }

  private func isStale(_ progress: ReindexProgress) -> Bool {
    guard let updated = progress.updatedAt ?? progress.startedAt else { return true }
    return Date().timeIntervalSince(updated) > ReindexRoutes.staleAfterSeconds
  }

  private func save(_ progress: ReindexProgress) throws(APIError) {
    do {
      try redis.checked(["SET", ReindexRoutes.progressKey, try SeraJSON.string(progress)])
    } catch {
      throw .unavailable("cannot record the reindex: Redis is unreachable")
    }
  }
}

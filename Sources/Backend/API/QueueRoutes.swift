import HTTPServer
import Shared

/// The queue as operators see it: counts, the newest dead tasks, and requeueing them.
struct QueueRoutes: Sendable {
  let queue: TaskQueue
  let logger: Logger

  /// Dead tasks listed at most; the dashboard shows a screenful.
  static let deadListLimit = 50

  func register(in router: inout Router) {
    let routes = self
    router.add("GET", "/api/v1/queue", .read) { _ throws(APIError) in try routes.overview() }
    router.add("POST", "/api/v1/queue/dead/requeue", .operate) { context throws(APIError) in
      try routes.requeueDead(context)
    }
  }

  func overview() throws(APIError) -> HTTPResponse {
    do {
      let counts = try queue.counts()
      let dead = try queue.deadLetters(limit: Self.deadListLimit).map {
        DeadTask(
          taskId: $0.taskId, taskName: $0.taskName, reason: $0.reason, failedAt: $0.failedAt,
          attempts: $0.attempts)
      }
      return .json(QueueOverview(counts: counts, dead: dead))
    } catch {
      throw unreachable(error)
    }
  }

  func requeueDead(_ context: RouteContext) throws(APIError) -> HTTPResponse {
    do {
      let moved = try queue.requeueAllDead()
      logger.info("dead_requeued", [("count", .int(Int64(moved))), ("by", .string(context.actor))])
      return .json(RequeueResult(requeued: moved))
    } catch {
      throw unreachable(error)
    }
  }

  private func unreachable(_ error: any Error) -> APIError {
    logger.error("queue_unreachable", [("error", .string("\(error)"))])
    return .unavailable("the task queue (Redis) did not answer; try again shortly")
  }
}

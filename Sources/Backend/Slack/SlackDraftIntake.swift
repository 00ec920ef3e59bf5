import Postgres
import Shared

/// What `/draft` does before it answers: count the request against the user's limit, save the
/// draft with its card, queue its generation. Requests that arrive together go through it as one
/// batch (`GroupCommit`): one rate-limit script, one statement and commit, one enqueue, so a
/// burst of commands costs a few round trips instead of four per command. A request is answered
/// only after its draft committed, and queued only after that.
struct SlackDraftIntake: Sendable {
  /// One `/draft` request: the draft to store, the task that will generate it, and whose limit
  /// it counts against.
  struct Request: Sendable {
    var draft: SlackDraftRequest
    var message: TaskMessage
    var limitKey: String
  }

  /// What happened to one request.
  enum Outcome: Sendable {
    /// Saved and queued; nil when the delivery had already been acted on.
    case saved(Draft?)
    case refused(retryAfterSeconds: Int)
    case failed(APIError)
  }

  // A few writes take a whole burst; PostgreSQL takes a statement of this many rows in about
  // a millisecond.
  static let maxBatch = 64

  private let commit: GroupCommit<Request, Outcome>

  /// The intake over the app's store, limiter and queue.
  init(
    slack: SlackStore, limiter: SlackRateLimiter, queue: TaskQueue, store: StoreCall,
    logger: Logger
  ) {
    let batch = SlackDraftBatch(
      slack: slack, limiter: limiter, queue: queue, store: store, logger: logger)
    self.commit = GroupCommit(
      label: "sera.slack.draft-intake", maxBatch: SlackDraftIntake.maxBatch, write: batch.write)
  }

  /// Stores and queues one request, batched with whatever else is waiting, then calls `finish`
  /// with what happened.
  func submit(_ request: Request, then finish: @escaping @Sendable (Outcome) -> Void) {
    commit.submit(request, then: finish)
  }
}

/// One batch of `/draft` requests: limit, save, queue.
struct SlackDraftBatch: Sendable {
  let slack: SlackStore
  let limiter: SlackRateLimiter
  let queue: TaskQueue
  let store: StoreCall
  let logger: Logger

  /// One outcome per request, in order. A delivery acted on before (a retry of Slack's) is
  /// acknowledged again without counting against the limit; a second copy in the same batch
  /// gets the first copy's outcome.
  func write(_ requests: [SlackDraftIntake.Request]) -> [SlackDraftIntake.Outcome] {
    var outcomes = [SlackDraftIntake.Outcome](repeating: .saved(nil), count: requests.count)
    let plan: (fresh: [Int], copies: [(copy: Int, of: Int)])
    let counted: [SlackRateLimiter.Counted]
    do throws(APIError) {
      plan = try self.fresh(requests)
      counted = try store.run("check the rate limit") {
        try limiter.count(users: plan.fresh.map { requests[$0].limitKey })
      }
    } catch {
      return requests.map { _ in .failed(error) }
    }
    var allowed: [Int] = []
    var places: [SlackRateLimiter.Counted] = []
    for (index, entry) in zip(plan.fresh, counted) {
      guard case .refused(let seconds) = entry.decision else {
        allowed.append(index)
        places.append(entry)
        continue
      }
      outcomes[index] = .refused(retryAfterSeconds: seconds)
    }
    let saved = save(allowed.map { requests[$0] })
    // A request that was counted but not saved gives its place in the window back.
    limiter.refund(
      zip(places, saved).compactMap { place, result in
        guard case .failure = result else { return nil }
        return place
      })
    enqueue(
      zip(allowed, saved).compactMap { index, result in
        guard case .success(let draft?) = result else { return nil }
        return (requests[index].message, draft.id)
      })
    for (index, result) in zip(allowed, saved) {
      switch result {
      case .success(let draft): outcomes[index] = .saved(draft)
      case .failure(let error): outcomes[index] = .failed(error)
      }
    }
    for (copy, first) in plan.copies { outcomes[copy] = outcomes[first] }
    return outcomes
  }

  /// The positions of the requests whose delivery is new (not stored yet; the first of its
  /// delivery in the batch), and each later copy with the position of its first. Batches are
  /// written one at a time, so the check holds until the insert; the insert's ON CONFLICT
  /// still guards against another backend.
  private func fresh(_ requests: [SlackDraftIntake.Request]) throws(APIError)
    -> (fresh: [Int], copies: [(copy: Int, of: Int)])
  {
    let known = try store.run("check the deliveries") {
      try slack.knownDeliveries(requests.map(\.draft.deliveryId))
    }
    var first: [String: Int] = [:]
    var plan: (fresh: [Int], copies: [(copy: Int, of: Int)]) = ([], [])
    for (index, request) in requests.enumerated() {
      let delivery = request.draft.deliveryId
      if known.contains(delivery) { continue }
      if let earlier = first[delivery] {
        plan.copies.append((index, earlier))
      } else {
        first[delivery] = index
        plan.fresh.append(index)
      }
    }
    return plan
  }

  /// Saves the batch in one statement. If the database refused it (rather than being out of
  /// reach) and the batch holds several requests, each is tried alone, so one request the
  /// database refuses cannot fail the others with it.
  private func save(_ requests: [SlackDraftIntake.Request]) -> [Result<Draft?, APIError>] {
    guard !requests.isEmpty else { return [] }
    var unreachable = false
    do throws(APIError) {
      let drafts = try store.run("save the draft") {
        do {
          return try slack.createDrafts(requests.map(\.draft))
        } catch {
          unreachable = PostgresError.isUnreachable(error)
          throw error
        }
      }
      return drafts.map { .success($0) }
    } catch {
      guard !unreachable, requests.count > 1 else { return requests.map { _ in .failure(error) } }
      return requests.flatMap { save([$0]) }
    }
  }

  /// Queues the saved drafts' generation. If Redis is down the drafts stay pending with their
  /// task ids and the scheduler's redrive sweep queues them later, so "working on it" stays
  /// true.
  private func enqueue(_ saved: [(message: TaskMessage, draftId: Int64)]) {
    let messages = saved.map { message, draftId in
      var queued = message
      queued.kwargs["draft_id"] = .string(String(draftId))
      return queued
    }
    do {
      try queue.enqueue(messages)
    } catch {
      for (_, draftId) in saved {
        logger.error(
          "enqueue_failed", [("draft_id", .int(draftId)), ("error", .string("\(error)"))])
      }
    }
  }
}

import Dispatch
import Synchronization

/// Lets many request threads share writes: each caller hands in its item and waits, and a
/// caller that finds no write under way (the leader) writes its item with every item waiting
/// as one batch, answers them all, and hands the lead to the oldest caller still waiting. An
/// idle system writes a lone item at once; a burst is written in a few batches instead of one
/// commit per request, which is what keeps `/draft` acknowledgements fast on two cores
/// (PostgreSQL groups concurrent commits in the same way).
final class GroupCommit<Item: Sendable, Outcome: Sendable>: Sendable {
  /// Writes a batch and returns one outcome per item, in the items' order. It must not throw:
  /// a failure is an outcome.
  typealias Write = @Sendable ([Item]) -> [Outcome]

  private let write: Write
  private let maxBatch: Int
  private let state = Mutex<Queue>(Queue())

  private struct Queue {
    var waiting: [Ticket] = []
    var writing = false
  }

  /// One caller's place: its item, and what it is told when woken.
  private final class Ticket: Sendable {
    let item: Item
    let phase = Mutex<Phase>(.waiting)
    let wake = DispatchSemaphore(value: 0)

    init(_ item: Item) {
      self.item = item
    }
  }

  private enum Phase {
    case waiting
    case lead
    case done(Outcome)
  }

  /// A batcher that writes at most `maxBatch` items at a time with `write`, one batch at a time.
  /// (Two writers at once were tried for `/draft`: the acknowledgements got no faster, since a
  /// burst is bound by the CPU, not by waiting for commits.)
  init(maxBatch: Int, write: @escaping Write) {
    precondition(maxBatch > 0, "a batch holds at least one item")
    self.maxBatch = maxBatch
    self.write = write
  }

  /// Writes `item` (in a batch with whatever else is waiting) and returns its outcome.
  func submit(_ item: Item) -> Outcome {
    let ticket = Ticket(item)
    let leadsNow = state.withLock { queue -> Bool in
      guard !queue.writing else {
        queue.waiting.append(ticket)
        return false
      }
      queue.writing = true
      return true
    }
    if leadsNow { lead(ticket) }
    while true {
      switch ticket.phase.withLock({ $0 }) {
      case .done(let outcome):
        return outcome
      case .lead:
        lead(ticket)
      case .waiting:
        ticket.wake.wait()
      }
    }
  }

  /// Writes the leader's item with the oldest waiting ones, then passes the lead to the oldest
  /// still waiting (taking it off the waiting list, so it writes its own item), or ends the
  /// write under way.
  private func lead(_ leader: Ticket) {
    let batch = state.withLock { queue -> [Ticket] in
      let taken = Array(queue.waiting.prefix(maxBatch - 1))
      queue.waiting.removeFirst(taken.count)
      return [leader] + taken
    }
    let outcomes = write(batch.map(\.item))
    precondition(outcomes.count == batch.count, "a batch write answers every item")
    for (ticket, outcome) in zip(batch, outcomes) {
      ticket.phase.withLock { $0 = .done(outcome) }
      ticket.wake.signal()
    }
    let next = state.withLock { queue -> Ticket? in
      guard !queue.waiting.isEmpty else {
        queue.writing = false
        return nil
      }
      return queue.waiting.removeFirst()
    }
    next?.phase.withLock { $0 = .lead }
    next?.wake.signal()
  }
}

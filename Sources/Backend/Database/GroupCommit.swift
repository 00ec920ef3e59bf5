import Dispatch
import Synchronization

/// Lets many requests share writes: each hands in its item with what to do with its outcome,
/// and one writer at a time takes every item waiting as one batch, writes it, and hands each
/// item its outcome. An idle system writes a lone item at once; a burst is written in a few
/// batches instead of one commit per request, which is what keeps `/draft` acknowledgements
/// fast on two cores (PostgreSQL groups concurrent commits in the same way). The writer runs on
/// a queue of its own, so a caller need not wait (`submit`), though it may (`submitAndWait`).
final class GroupCommit<Item: Sendable, Outcome: Sendable>: Sendable {
  /// Writes a batch and returns one outcome per item, in the items' order. It must not throw:
  /// a failure is an outcome.
  typealias Write = @Sendable ([Item]) -> [Outcome]
  /// Takes one item's outcome; runs on the writer's queue, so it should be quick.
  typealias Finish = @Sendable (Outcome) -> Void

  private let write: Write
  private let maxBatch: Int
  private let writer: DispatchQueue
  private let state = Mutex<Waiting>(Waiting())

  private struct Waiting {
    var entries: [(item: Item, finish: Finish)] = []
    var writing = false
  }

  /// A batcher that writes at most `maxBatch` items at a time with `write`, one batch at a time.
  /// (Two writers at once were tried for `/draft`: the acknowledgements got no faster, since a
  /// burst is bound by the CPU, not by waiting for commits.)
  init(label: String, maxBatch: Int, write: @escaping Write) {
    precondition(maxBatch > 0, "a batch holds at least one item")
    self.maxBatch = maxBatch
    self.write = write
    self.writer = DispatchQueue(label: label)
  }

  /// Writes `item` in a batch with whatever else is waiting, then calls `finish` with its
  /// outcome.
  func submit(_ item: Item, then finish: @escaping Finish) {
    let starts = state.withLock { waiting -> Bool in
      waiting.entries.append((item, finish))
      guard !waiting.writing else { return false }
      waiting.writing = true
      return true
    }
    if starts { writer.async { self.drain() } }
  }

  /// Writes `item` in a batch with whatever else is waiting and returns its outcome, for a
  /// caller on a thread of its own that may wait (never on the writer's queue).
  func submitAndWait(_ item: Item) -> Outcome {
    let outcome = Mutex<Outcome?>(nil)
    let done = DispatchSemaphore(value: 0)
    submit(item) { result in
      outcome.withLock { $0 = result }
      done.signal()
    }
    done.wait()
    guard let result = outcome.withLock({ $0 }) else { preconditionFailure("finished without") }
    return result
  }

  /// Writes what waits, batch after batch, oldest first, until nothing does.
  private func drain() {
    while true {
      let batch = state.withLock { waiting -> [(item: Item, finish: Finish)] in
        let taken = Array(waiting.entries.prefix(maxBatch))
        waiting.entries.removeFirst(taken.count)
        if taken.isEmpty { waiting.writing = false }
        return taken
      }
      guard !batch.isEmpty else { return }
      let outcomes = write(batch.map(\.item))
      precondition(outcomes.count == batch.count, "a batch write answers every item")
      for (entry, outcome) in zip(batch, outcomes) {
        entry.finish(outcome)
      }
    }
  }
}

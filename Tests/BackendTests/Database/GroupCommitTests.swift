import Dispatch
import Synchronization
import Testing

@testable import Backend

#if canImport(Glibc)
  import Glibc
#endif

/// Submits and waits for the outcome, as a blocking caller would.
private func submitAndWait<Item, Outcome>(_ commit: GroupCommit<Item, Outcome>, _ item: Item)
  -> Outcome?
{
  let outcome = Mutex<Outcome?>(nil)
  let done = DispatchSemaphore(value: 0)
  commit.submit(item) { result in
    outcome.withLock { $0 = result }
    done.signal()
  }
  guard done.wait(timeout: .now() + 10) == .success else { return nil }
  return outcome.withLock { $0 }
}

@Suite("GroupCommit")
struct GroupCommitTests {
  @Test("a lone item is written at once, by itself")
  func loneItemIsWrittenAlone() {
    let batches = Mutex<[[Int]]>([])
    let commit = GroupCommit<Int, String>(label: "test", maxBatch: 8) { items in
      batches.withLock { $0.append(items) }
      return items.map { "done \($0)" }
    }
    #expect(submitAndWait(commit, 7) == "done 7")
    #expect(submitAndWait(commit, 8) == "done 8")
    #expect(batches.withLock { $0 } == [[7], [8]])
  }

  @Test("items from many threads are each written once, one write at a time, with their answer")
  func concurrentCallersShareWrites() {
    let batches = Mutex<[[Int]]>([])
    let writing = Atomic<Int>(0)
    let overlapped = Atomic<Bool>(false)
    let commit = GroupCommit<Int, Int>(label: "test", maxBatch: 16) { items in
      if writing.add(1, ordering: .sequentiallyConsistent).newValue > 1 {
        overlapped.store(true, ordering: .sequentiallyConsistent)
      }
      usleep(20_000)  // a commit's wait, long enough for the other callers to queue up
      batches.withLock { $0.append(items) }
      writing.subtract(1, ordering: .sequentiallyConsistent)
      return items.map { $0 * 10 }
    }
    let answers = Mutex<[Int: Int]>([:])
    DispatchQueue.concurrentPerform(iterations: 100) { item in
      let answer = submitAndWait(commit, item)
      answers.withLock { $0[item] = answer }
    }
    let written = batches.withLock { $0 }
    let expected = Dictionary(uniqueKeysWithValues: (0..<100).map { ($0, $0 * 10) })
    #expect(answers.withLock { $0 } == expected)
    #expect(written.flatMap { $0 }.sorted() == Array(0..<100), "every item written exactly once")
    #expect(written.allSatisfy { $0.count <= 16 })
    let didOverlap = overlapped.load(ordering: .sequentiallyConsistent)
    #expect(!didOverlap, "one write at a time")
  }

  @Test("a burst larger than a batch is written batch after batch, oldest first")
  func burstLargerThanABatchIsAllAnswered() {
    let batches = Mutex<[[Int]]>([])
    let started = DispatchSemaphore(value: 0)
    let gate = DispatchSemaphore(value: 0)
    let commit = GroupCommit<Int, Int>(label: "test", maxBatch: 3) { items in
      if items == [0] {  // hold the first write until the rest are waiting
        started.signal()
        gate.wait()
      }
      batches.withLock { $0.append(items) }
      return items
    }
    let answered = DispatchGroup()
    let submit = { (item: Int) in
      answered.enter()
      commit.submit(item) { _ in answered.leave() }
    }
    submit(0)
    #expect(started.wait(timeout: .now() + 5) == .success)
    for item in 1..<10 { submit(item) }
    gate.signal()
    #expect(answered.wait(timeout: .now() + 10) == .success)
    #expect(batches.withLock { $0 } == [[0], [1, 2, 3], [4, 5, 6], [7, 8, 9]])
  }
}

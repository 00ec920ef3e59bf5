import Dispatch
import Synchronization
import Testing

@testable import Backend

#if canImport(Glibc)
  import Glibc
#endif

@Suite("GroupCommit")
struct GroupCommitTests {
  @Test("a lone item is written at once, by itself")
  func loneItemIsWrittenAlone() {
    let batches = Mutex<[[Int]]>([])
    let commit = GroupCommit<Int, String>(maxBatch: 8) { items in
      batches.withLock { $0.append(items) }
      return items.map { "done \($0)" }
    }
    #expect(commit.submit(7) == "done 7")
    #expect(commit.submit(8) == "done 8")
    #expect(batches.withLock { $0 } == [[7], [8]])
  }

  @Test("callers arriving during a slow write share the next one, and each gets its own answer")
  func concurrentCallersShareWrites() {
    let batches = Mutex<[[Int]]>([])
    let writing = Atomic<Int>(0)
    let overlapped = Atomic<Bool>(false)
    let commit = GroupCommit<Int, Int>(maxBatch: 16) { items in
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
      let answer = commit.submit(item)
      answers.withLock { $0[item] = answer }
    }
    let written = batches.withLock { $0 }
    #expect(
      answers.withLock { $0 } == Dictionary(uniqueKeysWithValues: (0..<100).map { ($0, $0 * 10) }))
    #expect(written.flatMap { $0 }.sorted() == Array(0..<100), "every item written exactly once")
    #expect(written.allSatisfy { $0.count <= 16 })
    #expect(written.count < 100, "some callers shared a write")
    let didOverlap = overlapped.load(ordering: .sequentiallyConsistent)
    #expect(!didOverlap, "one write at a time")
  }

  @Test("the lead passes on after every batch: a burst larger than a batch is all answered")
  func burstLargerThanABatchIsAllAnswered() {
    let commit = GroupCommit<Int, Int>(maxBatch: 3) { items in
      usleep(1_000)
      return items
    }
    let total = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: 60) { item in
      total.add(commit.submit(item), ordering: .relaxed)
    }
    let sum = total.load(ordering: .relaxed)
    #expect(sum == (0..<60).reduce(0, +))
  }
}

import Backend
import Dispatch
import Synchronization
import Testing
import TestSupport

@Suite("PubMed rate limit")
struct PubMedRateLimiterTests {
  @Test("20 concurrent searches without a key never put more than 3 requests in any 1 s window")
  func sharedLimitWithoutKey() throws {
    let test = try PubMedTestClient()
    let failures = EvidenceCounter()
    DispatchQueue.concurrentPerform(iterations: 20) { _ in
      do {
        _ = try test.client.search("metformin")
      } catch {
        failures.increment()
      }
    }
    #expect(failures.value == 0)
    #expect(test.fake.arrivals.count == 20)
    #expect(test.fake.maxArrivals(within: 1.0) <= 3)
  }

  @Test("with an API key more than three requests may start within one second, ten at most")
  func keyRaisesLimit() throws {
    let test = try PubMedTestClient(apiKey: "k")
    DispatchQueue.concurrentPerform(iterations: 12) { _ in _ = try? test.client.search("x") }
    #expect(test.fake.arrivals.count == 12)
    #expect(test.fake.maxArrivals(within: 1.0) > 3)
    #expect(test.fake.maxArrivals(within: 1.0) <= 10)
  }
}

/// A count shared by the threads of `concurrentPerform`.
final class EvidenceCounter: Sendable {
  private let count = Mutex(0)

  var value: Int { count.withLock { $0 } }

  func increment() {
    count.withLock { $0 += 1 }
  }
}

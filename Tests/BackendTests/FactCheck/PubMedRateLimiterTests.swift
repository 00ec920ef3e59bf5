import Backend
import Redis
import Shared
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("PubMed rate limit")
struct PubMedRateLimiterTests {
  @Test("20 concurrent fact checks, each a worker of its own, never put 4 requests in 1 s")
  func sharedLimitWithoutKey() throws {
    let fake = try FakePubMedServer()
    let settings = try EvidenceSettings(environment: ["PUBMED_BASE_URL": fake.baseURL])
    let key = "sera:test:pubmed:" + TestRedis.uniqueQueueName()
    // Each generation gets its own client and Redis connection, as separate worker processes
    // would: only the Redis key is shared.
    let checkers = (0..<20).map { _ in
      let limiter = PubMedRateLimiter(
        redis: RedisPool(settings: TestRedis.settings()), hasAPIKey: false, key: key)
      let client = PubMedClient(settings: settings, limiter: limiter)
      return EvidenceFactChecker(pubmed: client, sources: nil, embedder: HashingTextEmbedder())
    }
    let unreached = EvidenceCounter()
    // Threads of their own: concurrentPerform would run only as many at once as there are cores.
    EvidenceThreads.run(checkers.count) { index in
      let outcome = try? checkers[index].check(topic: "metformin", candidates: [])
      if outcome?.verdict.pubmedReached != true { unreached.increment() }
    }
    #expect(unreached.value == 0)
    // ESearch and EFetch for each of the 20 generations.
    #expect(fake.arrivals.count == 40)
    #expect(fake.maxArrivals(within: 1.0) <= 3)
  }

  @Test("with an API key more than three requests may start within one second, ten at most")
  func keyRaisesLimit() throws {
    let test = try PubMedTestClient(apiKey: "k")
    let client = test.client
    EvidenceThreads.run(12) { _ in _ = try? client.search("x") }
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

/// Runs a body on that many threads at once and waits for all of them.
enum EvidenceThreads {
  private final class Body: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
  }

  static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    var threads: [pthread_t] = []
    for index in 0..<count {
      let context = Unmanaged.passRetained(Body { body(index) }).toOpaque()
      var thread = pthread_t()
      let started = pthread_create(
        &thread, nil,
        { raw in
          Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
          return nil
        }, context)
      precondition(started == 0, "pthread_create failed")
      threads.append(thread)
    }
    for thread in threads { pthread_join(thread, nil) }
  }
}

import Backend
import Redis
import Shared
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A queue of its own per test, on the Redis REDIS_HOST/REDIS_PORT name (else the stack's).
enum QueueTestEnvironment {
  static var settings: RedisSettings {
    let host = getenv("REDIS_HOST").map { String(cString: $0) } ?? "127.0.0.1"
    let port = getenv("REDIS_PORT").flatMap { UInt16(String(cString: $0)) } ?? 56379
    return RedisSettings(host: host, port: port)
  }

  static func queue(leaseDuration: Double = 30) -> TaskQueue {
    TaskQueue(
      redis: RedisPool(settings: settings),
      name: "test_tasks_\(UInt64.random(in: .min ... .max))", leaseDuration: leaseDuration)
  }

  /// Options that make retries and maintenance fast enough for tests.
  static func fastOptions(concurrency: Int = 2) -> WorkerOptions {
    var options = WorkerOptions()
    options.concurrency = concurrency
    options.blockSeconds = 0.2
    options.maintenanceInterval = 0.05
    options.gracePeriod = 5
    options.retryPolicy = RetryPolicy(baseDelay: 0.2, maxRetries: 3, jitter: 0.2)
    return options
  }

  static func quietLogger() -> Logger { Logger(level: .error, fileDescriptor: 2) }

  /// Polls `condition` every 20 ms until it holds or `seconds` pass.
  static func waitUntil(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    for _ in 0..<Int(seconds / 0.02) {
      if try condition() { return true }
      usleep(20_000)
    }
    return try condition()
  }
}

/// A handler that always fails, noting when each attempt started.
final class AlwaysFailingHandler: TaskHandler {
  let name = "always_fails"
  let timeout: Duration = .seconds(2)
  let starts = Mutex<[Double]>([])
  let finalReasons = Mutex<[String]>([])

  struct Boom: Error {}

  func run(_ message: TaskMessage, context: TaskContext) throws -> JSONValue {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    starts.withLock { $0.append(Double(now.tv_sec) + Double(now.tv_nsec) / 1e9) }
    throw Boom()
  }

  func finalFailure(_ message: TaskMessage, reason: String) {
    finalReasons.withLock { $0.append(reason) }
  }
}

/// A handler that sleeps, checking for cancellation.
struct SlowHandler: TaskHandler {
  let name = "slow"
  let timeout: Duration = .seconds(30)
  let seconds: Double

  func run(_ message: TaskMessage, context: TaskContext) throws -> JSONValue {
    var waited = 0.0
    while waited < seconds && !context.isCancelled() {
      usleep(20_000)
      waited += 0.02
    }
    return .string("slept")
  }
}

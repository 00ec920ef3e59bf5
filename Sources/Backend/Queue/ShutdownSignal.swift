import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Waits for SIGTERM or SIGINT on a dispatch queue of its own. Install it first thing: the
/// signals are ignored at once, so one that arrives before the source is live is not fatal.
public final class ShutdownSignal {
  private let received = DispatchSemaphore(value: 0)
  private let sources: [any DispatchSourceSignal]
  private let queue = DispatchQueue(label: "sera.signals")

  /// Starts listening for SIGTERM and SIGINT.
  public init() {
    signal(SIGTERM, SIG_IGN)
    signal(SIGINT, SIG_IGN)
    let semaphore = received
    let queue = self.queue
    sources = [SIGTERM, SIGINT].map { number in
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { @Sendable in semaphore.signal() }
      source.resume()
      return source
    }
  }

  /// Blocks until a shutdown signal arrives.
  public func wait() {
    received.wait()
  }
}

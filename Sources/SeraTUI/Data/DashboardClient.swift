import Foundation
import Shared
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Fetches everything on its own thread and hands immutable `DashboardData` to the UI; the UI
/// thread only reads snapshots and posts requests, so it never waits on the network.
public final class DashboardClient: Sendable {
  /// What the UI asked for since the client last looked.
  struct Inbox: Sendable {
    var selectedDraftId: Int64?
    var selectionChanged = false
    var refreshNow = false
    var actions: [Action] = []
    var stopped = false
  }

  private let settings: ClientSettings
  private let inbox = Mutex(Inbox())
  private let published: Mutex<DashboardData>
  private let wakeClient = DispatchSemaphore(value: 0)
  /// Written to after each publish so the UI's poll() returns.
  private let wakeUIDescriptor: Int32

  /// A client for the given settings that wakes the UI through a pipe's write end.
  public init(settings: ClientSettings, wakeUIDescriptor: Int32) {
    self.settings = settings
    self.wakeUIDescriptor = wakeUIDescriptor
    self.published = Mutex(DashboardData(backendURL: settings.baseURL))
  }

  /// The latest snapshot.
  public var snapshot: DashboardData { published.withLock { $0 } }

  /// Starts the fetching thread.
  public func start() {
    // Thread-local values do not cross threads: the client speaks the UI's language.
    let language = Catalogue.language
    let thread = Thread { [self] in Catalogue.$language.withValue(language) { self.run() } }
    thread.name = "sera-client"
    thread.start()
  }

  /// Asks the thread to finish after its current request.
  public func stop() {
    inbox.withLock { $0.stopped = true }
    wakeClient.signal()
  }

  /// Tells the client which draft's detail to fetch.
  public func select(draftId: Int64?) {
    let changed = inbox.withLock { box -> Bool in
      guard box.selectedDraftId != draftId else { return false }
      box.selectedDraftId = draftId
      box.selectionChanged = true
      return true
    }
    if changed { wakeClient.signal() }
  }

  /// Fetches everything now instead of at the next interval.
  public func refreshNow() {
    inbox.withLock { $0.refreshNow = true }
    wakeClient.signal()
  }

  /// Queues an action that has already passed the gate and confirmation.
  public func perform(_ action: Action) {
    inbox.withLock { $0.actions.append(action) }
    wakeClient.signal()
  }

  private func run() {
    let api = SeraAPI(
      baseURL: settings.baseURL, token: settings.token,
      transport: CurlTransport(timeoutSeconds: settings.requestTimeout))
    var work = RefreshWork(api: api, settings: settings, data: snapshot)
    var nextFull = Date.distantPast
    while true {
      let request = inbox.withLock { box -> Inbox in
        let taken = box
        box.actions = []
        box.selectionChanged = false
        box.refreshNow = false
        return taken
      }
      if request.stopped { return }
      for action in request.actions { work.perform(action) }
      if request.refreshNow || !request.actions.isEmpty || Date() >= nextFull {
        work.refreshAll(selected: request.selectedDraftId)
        nextFull = Date().addingTimeInterval(settings.refreshInterval)
      } else if request.selectionChanged {
        work.refreshDetail(selected: request.selectedDraftId)
      }
      publish(work.data)
      _ = wakeClient.wait(timeout: .now() + max(0, nextFull.timeIntervalSinceNow))
    }
  }

  private func publish(_ data: DashboardData) {
    published.withLock { $0 = data }
    var byte: UInt8 = 1
    _ = write(wakeUIDescriptor, &byte, 1)
  }
}

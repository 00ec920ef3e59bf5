import Foundation
import Shared

#if canImport(Glibc)
  import Glibc
#endif

/// The UI thread's loop: keys and new snapshots in, one painted frame out, then sleep in poll().
struct UILoop {
  let terminal: Terminal
  let client: DashboardClient
  let wakeDescriptor: Int32
  let quit: QuitSignal
  var environment: [String: String] = [:]
  var state = DashboardState(backendURL: "", readOnly: true)
  private var lastFrame: ScreenBuffer?

  /// Longest sleep: the header's "updated Ns ago" changes once a second.
  static let idleWakeMs: Int32 = 1000

  init(terminal: Terminal, client: DashboardClient, wakeDescriptor: Int32, quit: QuitSignal) {
    self.terminal = terminal
    self.client = client
    self.wakeDescriptor = wakeDescriptor
    self.quit = quit
  }

  mutating func run(logger: Logger) {
    while !quit.isRequested {
      guard readKeys(logger: logger) else { return }
      let snapshot = client.snapshot
      if snapshot != state.data { apply(state.apply(snapshot), logger: logger) }
      if terminal.followSize() { lastFrame = nil }
      paint()
      guard waitForInput() else { return }
    }
  }

  /// Handles waiting keys; false when the user quit.
  private mutating func readKeys(logger: Logger) -> Bool {
    while let key = terminal.readKey() {
      if key == .resize {
        terminal.clearAll()
        lastFrame = nil
        continue
      }
      // Below the minimum size only the "too small" notice is on screen: a key must not act on
      // a draft or a dialog nobody can see. Quitting still works.
      let size = terminal.size
      if !Layout(width: size.width, height: size.height).fits {
        if key == .character("q") { return false }
        continue
      }
      if !apply(state.handle(key), logger: logger) { return false }
    }
    return true
  }

  /// Carries out effects; false on quit.
  @discardableResult
  private mutating func apply(_ effects: [Effect], logger: Logger) -> Bool {
    for effect in effects {
      switch effect {
      case .perform(let action):
        logger.info("action", [("kind", .string(action.command.rawValue))])
        client.perform(action)
      case .refreshNow: client.refreshNow()
      case .select(let id): client.select(draftId: id)
      case .openEditor(let id, let version, let text):
        edit(draftId: id, version: version, text: text, logger: logger)
      case .quit: return false
      }
    }
    return true
  }

  /// Hands the terminal to `$EDITOR`. This is the one place the UI thread waits on something
  /// other than poll(): the editor owns the terminal meanwhile, so nothing could be drawn anyway.
  private mutating func edit(draftId: Int64, version: Int, text: String, logger: Logger) {
    let result = terminal.suspended { () -> Result<String?, ExternalEditor.Failure> in
      do throws(ExternalEditor.Failure) {
        return .success(try ExternalEditor.edit(text, environment: environment))
      } catch {
        return .failure(error)
      }
    }
    lastFrame = nil
    switch result {
    case .success(let edited):
      apply(state.finishEdit(draftId: draftId, version: version, text: edited), logger: logger)
    case .failure(let failure):
      state.say(Strings.Status.editorFailed(failure.reason), isError: true)
    }
  }

  /// Renders a frame and paints it only when it differs from the last one.
  private mutating func paint() {
    let size = terminal.size
    let rendered = DashboardView.render(
      state, width: size.width, height: size.height, now: Date())
    let frame = terminal.glyphs == .ascii ? rendered.inASCII() : rendered
    guard frame != lastFrame else { return }
    terminal.paint(frame)
    lastFrame = frame
  }

  /// Sleeps until a key, a new snapshot, a signal or the idle tick; false when the tty is gone.
  private func waitForInput() -> Bool {
    var fds = [
      pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
      pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0),
    ]
    let ready = poll(&fds, 2, Self.idleWakeMs)
    if ready > 0, fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return false }
    var sink = [UInt8](repeating: 0, count: 64)
    while read(wakeDescriptor, &sink, sink.count) > 0 {}
    return true
  }
}

import Shared

/// Every user-visible string of the dashboard, in one catalogue (English; other languages later).
public enum Strings {
  /// Labels and help sentences of the key registry.
  public enum Keys {
    static let down = "down", downHelp = "Select the next draft (or scroll the detail pane)."
    static let up = "up", upHelp = "Select the previous draft (or scroll the detail pane)."
    static let pageDown = "page", pageDownHelp = "Move ten rows down."
    static let pageUp = "page", pageUpHelp = "Move ten rows up."
    static let pane = "pane", paneHelp = "Switch focus between the draft list and the detail pane."
    static let new = "new", newHelp = "Ask for a new draft: topic, then platform."
    static let approve = "approve", approveHelp = "Approve the selected generated draft."
    static let reject = "reject", rejectHelp = "Reject the selected draft with a reason."
    static let publish = "publish",
      publishHelp = "Publish the selected approved draft (asks first)."
    static let reindex = "reindex"
    static let reindexHelp = "Rebuild the knowledge-base index (operator; asks first)."
    static let refresh = "refresh", refreshHelp = "Fetch everything now."
    static let help = "help", helpHelp = "Show or hide this help."
    static let quit = "quit",
      quitHelp = "Leave the dashboard (Esc never does anything destructive)."
  }

  /// Refusals of the access gate.
  public enum Gate {
    static func readOnly(_ label: String) -> String { "read-only mode: \(label) is disabled" }
    static func onCall(_ label: String) -> String {
      "on-call tokens are read-only: \(label) refused"
    }
    static func operatorOnly(_ label: String) -> String { "\(label) needs the operator role" }
  }

  static let appName = "Sera"
  static let health = "Health"
  static let ops = "Ops"
  static let drafts = "Drafts"
  static let detail = "Detail"
  static let up = "UP"
  static let down = "DOWN"
  static let unknown = "UNKNOWN"
  static let alert = "ALERT"
  static let ok = "ok"
  static let noDrafts = "no drafts yet: press n to ask for one"
  static let noSelection = "select a draft to see it here"
  static let loading = "loading…"
  static let hiddenBadge = "[hidden/bidi characters present]"
  static let textHeading = "Text"
  static let sourcesHeading = "Sources"
  static let historyHeading = "History"
  static let noText = "(no text yet)"
  static let tooSmallPrefix = "terminal too small"
  static let roleUnknown = "role ?"
  static let readOnlyTag = "READ-ONLY"
  static let neverUpdated = "not updated yet"
  static let backendDownReason = "backend not answering"
  static let probeSkipped = "not checked (backend down)"
  static let refreshing = "refreshing…"
  static let ready = "ready"
  static let noAlerts = "no alerts"

  static func unknownTerminal(_ term: String) -> String {
    let shown = term.isEmpty ? "(unset)" : term
    return "seratui: cannot use terminal type '\(shown)' (no terminfo entry); "
      + "run with TERM=xterm-256color (or install ncurses-term)"
  }

  static func updated(secondsAgo: Int) -> String { "updated \(secondsAgo)s ago" }
  static func role(_ role: Role) -> String { "role \(role.rawValue)" }
  static func tooSmall(needWidth: Int, needHeight: Int, width: Int, height: Int) -> String {
    "terminal too small: need \(needWidth)x\(needHeight), have \(width)x\(height)"
  }
  static func stale(since: String?) -> String {
    since.map { "STALE since \($0)" } ?? "STALE (never loaded)"
  }
  static func latency(_ ms: Double) -> String {
    ms < 10 ? String(format1(ms)) + " ms" : "\(Int(ms)) ms"
  }
  static func format1(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
  }
  static func percent(_ ratio: Double) -> String { format1(ratio * 100) + "%" }
  static func dollars(_ value: Double) -> String {
    let cents = Int((value * 100).rounded())
    let rest = abs(cents % 100)
    return "$\(cents / 100)." + (rest < 10 ? "0" : "") + "\(rest)"
  }

  /// Lines of the ops panel.
  enum Ops {
    static func queue(_ q: QueueCounts) -> String {
      "Queue   \(q.depth) wait · \(q.inFlight) run · \(q.delayed) delay · \(q.dead) dead"
    }
    static func failures(rate: Double, failed: Int, total: Int) -> String {
      let limit = percent(RunbookThresholds.taskFailureRate)
      return "Fail 1h \(percent(rate)) (\(failed)/\(total)) limit \(limit)"
    }
    static func p95(_ seconds: Double?) -> String {
      "p95     " + (seconds.map { format1($0) + " s" } ?? "n/a") + " (limit "
        + "\(Int(RunbookThresholds.generateDraftP95Seconds)) s)"
    }
    static func cost(today: Double, month: Double) -> String {
      "LLM $   today \(dollars(today)) · month \(dollars(month))"
    }
    static func llmErrors(rate: Double, calls: Int) -> String {
      let limit = percent(RunbookThresholds.llmErrorRate)
      return "LLM err \(percent(rate)) of \(calls) calls/5m (limit \(limit))"
    }
    static func reindex(_ p: ReindexProgress) -> String {
      "Reindex \(p.state.rawValue): docs \(p.documentsDone)/\(p.documentsTotal)"
        + " chunks \(p.chunksDone)/\(p.chunksTotal)"
    }
  }

  /// Alert banner texts: which threshold and the runbook step to take.
  enum Alerts {
    static func queue(_ depth: Int) -> String {
      "ALERT queue \(depth) > \(RunbookThresholds.queueDepth): check workers: sera tasks; "
        + "restart the worker"
    }
    static func failures(_ rate: Double) -> String {
      "ALERT task failures \(percent(rate)) > \(percent(RunbookThresholds.taskFailureRate)) "
        + "in 1h: find the failing task in the worker log; check LLM, PostgreSQL"
    }
    static func p95(_ seconds: Double) -> String {
      "ALERT p95 \(format1(seconds)) s > \(Int(RunbookThresholds.generateDraftP95Seconds)) s: "
        + "find the slow stage (style, fact check, LLM) in the worker log"
    }
    static func llm(_ rate: Double) -> String {
      "ALERT LLM errors \(percent(rate)) > \(percent(RunbookThresholds.llmErrorRate)): "
        + "check the provider, key and quota; fallback should take over"
    }
    static func serviceDown(_ name: String) -> String {
      "ALERT \(name) DOWN: see runbook service map; restart it (scripts/stack.sh up)"
    }
  }

  /// Dialogs and forms.
  enum Dialog {
    static let newTitle = "New draft"
    static let topicLabel = "Topic: "
    static let platformLabel = "Platform: "
    static let newHint = "Enter: next/submit · Tab or t/x/h: platform · Esc: cancel"
    static let rejectTitle = "Reject draft"
    static let reasonLabel = "Reason: "
    static let rejectHint = "Enter: reject · Esc: cancel"
    static let confirmTitle = "Confirm"
    static let confirmButtons = "[ Cancel ]   y = yes, do it"
    static let helpTitle = "Keys (? or Esc closes)"
    static let helpFormNote = "In forms, typing never triggers actions; Esc cancels."
    static func publish(id: Int64, topic: String, platform: Platform) -> String {
      "Publish draft #\(id) \"\(topic)\" to \(platform.displayName)? It goes out publicly."
    }
    static let reindex =
      "Rebuild the knowledge-base index: re-read every document in knowledge_base/ and replace "
      + "its chunks. Drafts keep working meanwhile; it can take minutes."
  }

  /// Status-line messages.
  enum Status {
    static let emptyTopic = "a topic is needed"
    static let emptyReason = "a reason is needed"
    static let noDraftSelected = "no draft selected"
    static let cancelled = "cancelled"
    static func notApprovable(_ id: Int64, _ status: DraftStatus) -> String {
      "draft #\(id) is \(status.rawValue): only generated drafts can be approved"
    }
    static func notRejectable(_ id: Int64, _ status: DraftStatus) -> String {
      "draft #\(id) is \(status.rawValue): it cannot be rejected now"
    }
    static func notPublishable(_ id: Int64, _ status: DraftStatus) -> String {
      "draft #\(id) is \(status.rawValue): approve it before publishing"
    }
    static func sending(_ action: Action) -> String { "sending: \(describe(action))…" }
    static func describe(_ action: Action) -> String {
      switch action {
      case .create(let topic, let platform): return "new \(platform.displayName) draft \"\(topic)\""
      case .approve(let id, _): return "approve #\(id)"
      case .reject(let id, _, _): return "reject #\(id)"
      case .publish(let id, _, let platform, _): return "publish #\(id) to \(platform.displayName)"
      case .reindex: return "reindex"
      }
    }
    static func done(_ action: Action) -> String { "done: \(describe(action))" }
  }
}

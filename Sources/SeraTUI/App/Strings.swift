import Shared

/// The dashboard's text lives in the shared catalogue (`Catalogue+Dashboard*.swift`).
typealias Strings = Catalogue.Dashboard

extension Action {
  /// The action in the status line's words, e.g. "approve #7".
  var summary: String {
    switch self {
    case .create(let topic, let platform, _):
      return Catalogue.pick("new ", "нова ") + "\(platform.displayName) \"\(topic)\""
    case .approve(let id, _): return Strings.Keys.approve + " #\(id)"
    case .reject(let id, _, _): return Strings.Keys.reject + " #\(id)"
    case .edit(let id, _, _): return Strings.Keys.edit + " #\(id)"
    case .regenerate(let id, _, _): return Strings.Keys.regenerate + " #\(id)"
    case .schedule(let id, _, _, _): return Strings.Keys.schedule + " #\(id)"
    case .publish(let id, _, let platforms, _):
      return Strings.Keys.publish + " #\(id) → " + Action.names(platforms)
    case .retry(let id, _): return Strings.Keys.retry + " #\(id)"
    case .forgetStyle(let id): return Strings.Keys.forgetStyle + " #\(id)"
    case .reindex: return Strings.Keys.reindex
    case .requeueDead: return Strings.Keys.requeue
    }
  }

  /// "Telegram, Threads".
  static func names(_ platforms: [Platform]) -> String {
    platforms.map(\.displayName).joined(separator: ", ")
  }
}

extension Strings.Dialog {
  /// How much a reindex will read, judged by the last run; nil when no run has finished.
  static func reindexSize(lastRun: ReindexProgress?) -> String? {
    guard let run = lastRun, run.documentsTotal > 0 else { return nil }
    return Catalogue.pick(
      "About \(run.documentsTotal) documents (\(run.chunksTotal) chunks), as in the last run.",
      "Приблизно \(run.documentsTotal) документів (\(run.chunksTotal) фрагментів), як минулого разу."
    )
  }
}

import FoundationEssentials
import Shared

/// The checks on draft request bodies beyond their JSON shape; each error names its field.
enum DraftInput {
  // Long enough for any article link, short enough to keep out pasted text.
  static let maxURLLength = 2048
  // A reason is feedback for the writer, not an essay; the dashboard's input is shorter still.
  static let maxReasonLength = 2000
  // A post is planned for the coming weeks or months; further than a year is a typo.
  static let maxScheduleAheadSeconds = 366.0 * 86_400

  /// Whether a publishing time is in the future and within a year.
  static func isSchedulable(_ date: Date, now: Date = Date()) -> Bool {
    date > now && date.timeIntervalSince(now) <= maxScheduleAheadSeconds
  }

  /// The request with its topic and URL trimmed, or 422 naming the field at fault.
  static func validated(_ request: CreateDraftRequest) throws(APIError) -> CreateDraftRequest {
    let topic = request.topic.trimmed()
    guard !topic.isEmpty else { throw .invalid("field 'topic' must not be empty") }
    // A topic is one line: control characters (NUL, escapes, line breaks) have no place in it.
    guard !topic.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else { throw .invalid("field 'topic' must not contain control characters") }
    let length = CreateDraftRequest.length(ofTopic: topic)
    guard length <= CreateDraftRequest.maxTopicLength else {
      throw .invalid(
        "field 'topic' must be at most \(CreateDraftRequest.maxTopicLength) characters"
          + " (Unicode code points), got \(length)")
    }
    var sourceURL = request.sourceURL?.trimmed()
    if sourceURL?.isEmpty == true { sourceURL = nil }
    if let url = sourceURL { try checkURL(url) }
    return CreateDraftRequest(topic: topic, platform: request.platform, sourceURL: sourceURL)
  }

  /// The reason trimmed (nil when blank), or 422 when too long.
  static func reason(_ text: String?) throws(APIError) -> String? {
    guard let reason = text?.trimmed(), !reason.isEmpty else { return nil }
    guard reason.count <= maxReasonLength else {
      throw .invalid("field 'reason' must be at most \(maxReasonLength) characters")
    }
    return reason
  }

  /// The platforms to publish to: the draft's own when none given, without repeats.
  static func platforms(_ asked: [Platform]?, default platform: Platform) throws(APIError)
    -> [Platform]
  {
    guard let asked else { return [platform] }
    guard !asked.isEmpty else { throw .invalid("field 'platforms' must not be empty") }
    var unique: [Platform] = []
    for item in asked where !unique.contains(item) { unique.append(item) }
    return unique
  }

  /// The version the caller saw must be a real version.
  static func version(_ version: Int) throws(APIError) {
    guard version >= 1 else { throw .invalid("field 'version' must be 1 or more") }
  }

  private static func checkURL(_ url: String) throws(APIError) {
    guard url.count <= maxURLLength else {
      throw .invalid("field 'source_url' must be at most \(maxURLLength) characters")
    }
    let lower = url.lowercased()
    let scheme = ["https://", "http://"].first { lower.hasPrefix($0) }
    guard let scheme else {
      throw .invalid("field 'source_url' must start with http:// or https://")
    }
    let host = lower.dropFirst(scheme.count).prefix { !"/?#".contains($0) }
    guard !host.isEmpty, !url.contains(where: { $0.isWhitespace }) else {
      throw .invalid("field 'source_url' must be a URL with a host and no spaces")
    }
  }
}

import Shared

/// Writes a post without any language model: an opening on the topic, the evidence sentences
/// that overlap the topic most (each citing its source as `[n]`), the physician's habitual call
/// to action, emoji and hashtags, and one closing line saying how it was made.
public struct OfflineComposer: DraftWriter {
  public let provider = "offline-composer"
  public let model = "offline-composer-1"
  /// How many evidence sentences a post carries at most, per platform: Telegram posts are
  /// longreads, Threads and X posts a thought or two.
  static func sentenceBudget(for platform: Platform) -> Int {
    switch platform {
    case .telegram: return 6
    case .threads: return 3
    case .twitter: return 2
    }
  }
  /// Two hashtags at most: more reads as spam on every platform.
  static let hashtagLimit = 2

  /// A composer with no settings.
  public init() {}

  public func write(_ request: DraftWritingRequest) throws -> WrittenPost {
    WrittenPost(text: self.compose(request), provider: self.provider, model: self.model)
  }

  private func compose(_ request: DraftWritingRequest) -> String {
    let style = StyleProfile(samples: request.styleSamples.map(\.content))
    let words = PostWording(language: request.language)
    let frame = PostFrame(
      opening: words.opening(topic: request.topic, emoji: style.emoji),
      closing: request.platform == .twitter ? nil : words.closing(callToAction: style.callToAction),
      hashtags: hashtags(style: style, topic: request.topic),
      note: words.offlineNote, platform: request.platform)
    let candidates = KeySentencePicker.candidates(topic: request.topic, evidence: request.evidence)
    var chosen: [KeySentence] = []
    for candidate in candidates where chosen.count < Self.sentenceBudget(for: request.platform) {
      if frame.fits(chosen + [candidate]) { chosen.append(candidate) }
    }
    if chosen.isEmpty, let best = candidates.first {
      chosen = frame.shortened(best).map { [$0] } ?? []
    }
    if chosen.isEmpty && request.evidence.isEmpty {
      return frame.render(body: [words.noEvidence])
    }
    return frame.render(sentences: chosen)
  }

  private func hashtags(style: StyleProfile, topic: String) -> [String] {
    let keywords = TextTokens.keywords(topic)
    let own = style.hashtags(relatedTo: keywords, limit: Self.hashtagLimit)
    if !own.isEmpty || style.hashtags.isEmpty { return own }
    // The physician uses hashtags, but none on this topic: tag the topic's longest keyword.
    return keywords.max { $0.count < $1.count }.map { ["#" + $0.filter(\.isLetter)] } ?? []
  }
}

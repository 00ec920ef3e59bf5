import Shared

/// The fixed sentences of an offline post, in the post's language (`en` or `uk`).
struct PostWording {
  var language: String

  private var isUkrainian: Bool { language == "uk" }

  /// The first line: the topic, then what follows.
  func opening(topic: String, emoji: String?) -> String {
    let cleaned = topic.trimmed()
    let capitalised = cleaned.prefix(1).uppercased() + cleaned.dropFirst()
    let bare =
      capitalised.last.map { ".?!:".contains($0) } == true
      ? String(capitalised.dropLast()) : capitalised
    let line = isUkrainian ? "\(bare): що варто знати." : "\(bare): what you should know."
    return emoji.map { "\($0) \(line)" } ?? line
  }

  /// The call to action: the physician's own habit if there is one, else a safe default.
  func closing(callToAction: String?) -> String {
    if let callToAction, !callToAction.isEmpty {
      return isUkrainian
        ? "\(callToAction): джерела вказані в дужках."
        : "\(callToAction) in the sources cited in brackets."
    }
    return isUkrainian
      ? "Маєте питання? Зверніться до свого лікаря."
      : "Questions? Talk to your doctor."
  }

  /// The line every offline post ends with, so nobody mistakes it for a finished text.
  var offlineNote: String {
    isUkrainian
      ? "(Складено офлайн з бази знань, без LLM; потребує перевірки лікарем.)"
      : "(Composed offline from the knowledge base without an LLM; needs the physician's review.)"
  }

  /// The body when the knowledge base has nothing on the topic.
  var noEvidence: String {
    isUkrainian
      ? "У базі знань немає джерел на цю тему, тому фактів тут немає."
      : "The knowledge base has no source on this topic, so this draft states no facts."
  }
}

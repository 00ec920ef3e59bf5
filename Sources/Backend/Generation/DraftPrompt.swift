import Shared

/// The prompt an LLM writes a post from: the physician's style samples, the evidence with the
/// ids it may cite, the platform's real limit and the post language.
enum DraftPrompt {
  // Enough of each sample and evidence chunk to carry its voice or its facts, while five
  // samples and eight chunks stay far below any model's context window.
  static let sampleCharacters = 700
  static let evidenceCharacters = 1200
  static let maxSamples = 5
  static let maxEvidence = 8
  // Aim below the hard limit: models count characters loosely, and a retry costs a call.
  static let limitShare = 0.85
  // A regeneration note is a sentence or two; a pasted essay would crowd out the evidence.
  static let noteCharacters = 1000

  static func make(for request: DraftWritingRequest) -> LLMPrompt {
    LLMPrompt(system: self.system(for: request), user: self.user(for: request))
  }

  private static func system(for request: DraftWritingRequest) -> String {
    let platform = request.platform
    let target = Int(Double(platform.characterLimit) * self.limitShare)
    return """
      You write social-media posts for a physician, in the physician's own voice, for patients.
      Write in \(self.languageName(request.language)).
      The post is for \(platform.displayName): it must stay under \(target) \
      \(PlatformTextMetrics.unitName(for: platform)); the platform's hard limit is \
      \(platform.characterLimit)\(self.countingNote(platform)).
      State only what the numbered evidence supports. After each claim, cite its evidence as [n].
      Never cite a PMID, URL or source that is not in the evidence list; never invent one.
      If the evidence does not support a point, leave the point out.
      Answer with the post text only: no preamble, no title, no notes to the physician.
      """
  }

  private static func user(for request: DraftWritingRequest) -> String {
    var parts = ["Topic: \(request.topic)"]
    let samples = request.styleSamples.prefix(self.maxSamples).enumerated().map { index, chunk in
      "Sample \(index + 1):\n\(self.clipped(chunk.content, to: self.sampleCharacters))"
    }
    parts.append(
      samples.isEmpty
        ? "No past posts of the physician were found; write plainly and warmly."
        : "The physician's past posts, to match in tone, length and habits:\n\n"
          + samples.joined(separator: "\n\n"))
    let evidence = request.evidence.prefix(self.maxEvidence).enumerated().map { index, chunk in
      "[\(index + 1)] id: \(chunk.chunkId); \(chunk.title)\n"
        + self.clipped(chunk.content, to: self.evidenceCharacters)
    }
    parts.append(
      evidence.isEmpty
        ? "Evidence: none was found. Do not state medical facts; suggest asking a doctor."
        : "Evidence:\n\n" + evidence.joined(separator: "\n\n"))
    if let note = request.physicianNote?.trimmed(), !note.isEmpty {
      parts.append(
        "The physician asked for a new version with this note; follow it unless it conflicts "
          + "with the evidence or the rules above:\n" + self.clipped(note, to: self.noteCharacters))
    }
    if !request.problemsToFix.isEmpty {
      parts.append(
        "Your previous version was rejected for these reasons; write it again without them:\n"
          + request.problemsToFix.map { "- " + $0 }.joined(separator: "\n"))
    }
    return parts.joined(separator: "\n\n")
  }

  private static func languageName(_ code: String) -> String {
    code == "uk" ? "Ukrainian" : "English"
  }

  private static func countingNote(_ platform: Platform) -> String {
    switch platform {
    case .twitter: return " (weighted: a link counts 23, most non-Latin letters and emoji count 2)"
    case .telegram: return " (UTF-16 units: an emoji counts 2)"
    case .threads: return ""
    }
  }

  private static func clipped(_ text: String, to limit: Int) -> String {
    let trimmed = text.trimmed()
    return trimmed.count <= limit ? trimmed : String(trimmed.prefix(limit)) + "…"
  }
}

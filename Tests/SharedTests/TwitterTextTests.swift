import FoundationEssentials
import Testing

@testable import Shared

/// twitter-text's own conformance cases (Tests/Fixtures/twitter-text/validate.json, converted
/// from validate.yml) plus the counting traps of known-failures BR-10.
@Suite struct TwitterTextTests {
  struct Case: Decodable {
    let description: String
    let text: String
    let weightedLength: Int
    let valid: Bool
  }

  static let cases: [String: [Case]] = {
    let path =
      String(#filePath.split(separator: "/").dropLast(2).joined(separator: "/"))
      + "/Fixtures/twitter-text/validate.json"
    let data = FileManager.default.contents(atPath: "/" + path)!
    return try! JSONDecoder().decode([String: [Case]].self, from: data)
  }()

  /// twitter-text runs these with config v2, which has the v3 weights but no emoji parsing.
  @Test(arguments: cases["WeightedTweetsCounterTest"]!.indices)
  func weightedTweetsCounterCasePasses(_ index: Int) {
    let test = Self.cases["WeightedTweetsCounterTest"]![index]
    #expect(
      TwitterText.weightedLength(test.text, configuration: .v2) == test.weightedLength,
      "\(test.description)")
    #expect(TwitterText.isValid(test.text, configuration: .v2) == test.valid, "\(test.description)")
  }

  @Test(arguments: cases["WeightedTweetsWithDiscountedEmojiCounterTest"]!.indices)
  func discountedEmojiCounterCasePasses(_ index: Int) {
    let test = Self.cases["WeightedTweetsWithDiscountedEmojiCounterTest"]![index]
    #expect(TwitterText.weightedLength(test.text) == test.weightedLength, "\(test.description)")
    #expect(TwitterText.isValid(test.text) == test.valid, "\(test.description)")
  }

  @Test(arguments: cases["UnicodeDirectionalMarkerCounterTest"]!.indices)
  func directionalMarkerCounterCasePasses(_ index: Int) {
    let test = Self.cases["UnicodeDirectionalMarkerCounterTest"]![index]
    #expect(TwitterText.weightedLength(test.text) == test.weightedLength, "\(test.description)")
    #expect(TwitterText.isValid(test.text) == test.valid, "\(test.description)")
  }

  @Test func ukrainianMedicalTextsCountAsKnownFailuresComputed() {
    let post = "Нове дослідження: метформін знижує HbA1c на 1,1% "
    #expect(TwitterText.weightedLength(post + "https://pubmed.ncbi.nlm.nih.gov/12345678/ 🩺") == 75)
    #expect(TwitterText.weightedLength(post + "pubmed.ncbi.nlm.nih.gov/12345678 🩺") == 75)
    #expect(TwitterText.weightedLength("HbA1c ≥ 6,5% → діабет…") == 25)
    #expect(TwitterText.weightedLength("糖尿病と高血圧") == 14)
    #expect(TwitterText.weightedLength("👩\u{200D}⚕\u{FE0F}") == 2)
    #expect(TwitterText.weightedLength("Киі\u{0308}в") == 4)
    #expect(TwitterText.weightedLength("здоровʼя здоров’я здоров'я") == 26)
    #expect(TwitterText.isValid(String(repeating: "a", count: 278) + "…"))
    #expect(!TwitterText.isValid(String(repeating: "a", count: 279) + "…"))
  }

  @Test func punycodeMatchesTheRFCSample() {
    #expect(Punycode.encode(Array("bücher".unicodeScalars)) == "bcher-kva")
    #expect(Punycode.encodedLength(of: Array("example".unicodeScalars)) == 7)
  }
}

/// What ESearch found for a term, with the warnings and errors that say whether the count
/// answers the question that was asked (BR-17).
public struct PubMedSearchResult: Sendable, Equatable {
  /// Matching records in PubMed (ESearch sends it as a string).
  public var count: Int
  /// PMIDs of the first matches, best first.
  public var ids: [String]
  /// Words or phrases PubMed could not find at all.
  public var phrasesNotFound: [String]
  /// Field tags PubMed did not know; the search then ran without that filter.
  public var fieldsNotFound: [String]
  /// Quoted phrases missing from PubMed's phrase index.
  public var quotedPhrasesNotFound: [String]
  /// Words PubMed ignored (stop words).
  public var phrasesIgnored: [String]
  /// Messages such as "No items found.".
  public var outputMessages: [String]

  /// The query itself was faulty: nothing found because a phrase was unknown, which says
  /// nothing about whether the literature supports the claim.
  public var hasQueryProblem: Bool {
    ids.isEmpty && !(phrasesNotFound + quotedPhrasesNotFound).isEmpty
  }

  /// A field filter was dropped, so the hits are not the filtered set that was asked for.
  public var filterIgnored: Bool { !fieldsNotFound.isEmpty }

  /// One line per warning or error, for the verdict and the logs.
  public var problems: [String] {
    var lines: [String] = []
    if !phrasesNotFound.isEmpty { lines.append("phrase not found: " + list(phrasesNotFound)) }
    if !quotedPhrasesNotFound.isEmpty {
      lines.append("quoted phrase not found: " + list(quotedPhrasesNotFound))
    }
    if !fieldsNotFound.isEmpty { lines.append("field ignored: " + list(fieldsNotFound)) }
    return lines
  }

  private func list(_ items: [String]) -> String { items.joined(separator: ", ") }
}

/// The JSON ESearch sends with `retmode=json`.
struct ESearchEnvelope: Decodable {
  var esearchresult: Result

  struct Result: Decodable {
    var count: String?
    var idlist: FlexibleList?
    var errorlist: Problems?
    var warninglist: Problems?
    var error: String?

    enum CodingKeys: String, CodingKey {
      case count, idlist, errorlist, warninglist
      case error = "ERROR"
    }
  }

  struct Problems: Decodable {
    var phrasesnotfound: FlexibleList?
    var fieldsnotfound: FlexibleList?
    var quotedphrasesnotfound: FlexibleList?
    var phrasesignored: FlexibleList?
    var outputmessages: FlexibleList?
  }
}

/// A list of strings that XML-to-JSON layers sometimes collapse to a single string (BR-17).
struct FlexibleList: Decodable {
  var items: [String]

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let single = try? container.decode(String.self) {
      items = single.isEmpty ? [] : [single]
    } else {
      items = try container.decode([String].self)
    }
  }
}

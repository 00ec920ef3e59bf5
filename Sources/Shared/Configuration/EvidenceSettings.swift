/// Settings of the evidence side of generation: PubMed, source-page fetching, the embedder and
/// the vector store. Every default keeps Sera offline and self-contained.
public struct EvidenceSettings: Sendable, Equatable {
  /// How a draft's claims are checked.
  public enum FactCheckMode: String, Sendable {
    /// Knowledge base only; PubMed is reported as not consulted.
    case offline
    /// Knowledge base plus PubMed E-utilities (and the draft's source URL, when it has one).
    case pubmed
  }

  /// NCBI's public E-utilities endpoint.
  public static let defaultPubMedBaseURL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
  /// BR-22: 2 MiB holds any article page's text; larger answers are media or abuse.
  public static let defaultSourceMaxBytes = 2 << 20

  public var factCheck: FactCheckMode
  public var pubmedBaseURL: String
  /// Raises NCBI's limit from 3 to 10 requests per second; never logged.
  public var pubmedAPIKey: String?
  /// NCBI asks every client to name itself (`tool`, no spaces) and give a contact `email`.
  public var pubmedTool: String
  public var pubmedEmail: String?
  public var sourceTimeoutSeconds: Int
  public var sourceMaxBytes: Int
  /// Whether source URLs may point at loopback and private networks (tests only).
  public var allowPrivateURLs: Bool
  /// An OpenAI-compatible API root such as `https://api.openai.com/v1`; nil means the local
  /// hashing embedder.
  public var embeddingsBaseURL: String?
  public var embeddingsModel: String
  public var embeddingsAPIKey: String?
  public var embeddingsDimensions: Int
  /// Qdrant's REST root such as `http://qdrant:6333`; nil means vectors in PostgreSQL.
  public var qdrantURL: String?
  public var qdrantAPIKey: String?

  /// Every variable these settings read, with its meaning, for `sera config` and the README.
  public static let variables: [(name: String, meaning: String)] = [
    ("SERA_FACT_CHECK", "offline (default: PubMed not consulted) or pubmed"),
    ("PUBMED_BASE_URL", "E-utilities root (default \(defaultPubMedBaseURL))"),
    ("PUBMED_API_KEY", "NCBI API key (10 requests/s instead of 3), or PUBMED_API_KEY_FILE"),
    ("PUBMED_TOOL", "tool name sent to NCBI (default sera)"),
    ("PUBMED_EMAIL", "contact e-mail sent to NCBI"),
    ("SERA_SOURCE_TIMEOUT_SECONDS", "time limit for fetching a source URL (default 10)"),
    ("SERA_SOURCE_MAX_BYTES", "largest source page read, in bytes (default 2097152)"),
    ("SERA_ALLOW_PRIVATE_URLS", "1 lets source URLs reach loopback/private addresses (tests)"),
    ("SERA_EMBEDDINGS_BASE_URL", "OpenAI-compatible /v1 root; unset: local hashing embedder"),
    ("SERA_EMBEDDINGS_MODEL", "embedding model (default text-embedding-3-small)"),
    ("SERA_EMBEDDINGS_API_KEY", "embeddings API key, or SERA_EMBEDDINGS_API_KEY_FILE"),
    ("SERA_EMBEDDINGS_DIMENSIONS", "length of the model's vectors (default 1536)"),
    ("QDRANT_URL", "Qdrant REST root; unset: vectors in PostgreSQL"),
    ("QDRANT_API_KEY", "Qdrant api-key, or QDRANT_API_KEY_FILE"),
  ]

  /// Settings read from `environment` (normally `Configuration.environment`).
  public init(environment: [String: String]) throws(ConfigurationError) {
    let env = Environment(values: environment)
    let mode = env.string("SERA_FACT_CHECK", default: "offline").lowercased()
    guard let factCheck = FactCheckMode(rawValue: mode) else {
      throw ConfigurationError(variable: "SERA_FACT_CHECK", problem: "must be offline or pubmed")
    }
    self.factCheck = factCheck
    self.pubmedBaseURL = try Self.url(env, "PUBMED_BASE_URL") ?? Self.defaultPubMedBaseURL
    self.pubmedAPIKey = try env.secret("PUBMED_API_KEY")
    self.pubmedTool = env.string("PUBMED_TOOL", default: "sera")
    guard !pubmedTool.contains(where: \.isWhitespace) else {
      throw ConfigurationError(variable: "PUBMED_TOOL", problem: "must not contain spaces")
    }
    self.pubmedEmail = environment["PUBMED_EMAIL"].map { $0.trimmed() }.flatMap {
      $0.isEmpty ? nil : $0
    }
    self.sourceTimeoutSeconds = try env.integer(
      "SERA_SOURCE_TIMEOUT_SECONDS", default: 10, in: 1...120)
    self.sourceMaxBytes = try env.integer(
      "SERA_SOURCE_MAX_BYTES", default: Self.defaultSourceMaxBytes, in: 1024...(64 << 20))
    self.allowPrivateURLs = env.string("SERA_ALLOW_PRIVATE_URLS", default: "0") == "1"
    self.embeddingsBaseURL = try Self.url(env, "SERA_EMBEDDINGS_BASE_URL")
    self.embeddingsModel = env.string("SERA_EMBEDDINGS_MODEL", default: "text-embedding-3-small")
    self.embeddingsAPIKey = try env.secret("SERA_EMBEDDINGS_API_KEY")
    self.embeddingsDimensions = try env.integer(
      "SERA_EMBEDDINGS_DIMENSIONS", default: 1536, in: 8...8192)
    self.qdrantURL = try Self.url(env, "QDRANT_URL")
    self.qdrantAPIKey = try env.secret("QDRANT_API_KEY")
  }

  /// An http(s) URL without its trailing slash, or nil when unset.
  private static func url(_ env: Environment, _ name: String) throws(ConfigurationError)
    -> String?
  {
    var value = env.string(name, default: "")
    guard !value.isEmpty else { return nil }
    guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
      throw ConfigurationError(variable: name, problem: "must start with http:// or https://")
    }
    while value.hasSuffix("/") { value.removeLast() }
    return value
  }
}

import Backend
import FoundationEssentials
import Postgres
import Shared

// Retrieval benchmark: reindex throughput on the bundled knowledge base, then style-match and
// knowledge-retrieval latency with 1 000, 10 000 and 100 000 chunks stored in each collection,
// through the same PostgresVectorStore the worker uses. Runs in a database of its own
// (`sera_bench_retrieval`) on the local stack; prints a table and one JSON line per size.

let environment = ProcessInfo.processInfo.environment
let configuration = try Configuration(environment: environment)
let sizes = (environment["BENCH_SIZES"] ?? "1000,10000,100000").split(separator: ",")
  .compactMap { Int($0.trimmed()) }
let queriesPerSize = Int(environment["BENCH_QUERIES"] ?? "") ?? 200
let knowledgeBase = environment["BENCH_KNOWLEDGE_BASE"] ?? "knowledge_base"

let database = "sera_bench_retrieval"
var admin = configuration.postgres
admin.database = "postgres"
let adminConnection = try PostgresConnection(settings: admin)
try adminConnection.executeScript("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
try adminConnection.executeScript("CREATE DATABASE \(database)")
var settings = configuration.postgres
settings.database = database
let pool = PostgresPool(settings: settings, maxConnections: 2)
_ = try MigrationRunner(pool: pool).up()
let embedder = HashingTextEmbedder()

/// Seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func percentile(_ sorted: [Double], _ share: Double) -> Double {
  guard !sorted.isEmpty else { return 0 }
  let index = min(sorted.count - 1, Int((share * Double(sorted.count)).rounded(.up)) - 1)
  return sorted[max(0, index)]
}

func format(_ value: Double) -> String {
  let scaled = (value * 100).rounded() / 100
  return String(describing: scaled)
}

// 1. Reindex throughput: a cold sync of the bundled base (every document embedded and written),
// then a warm one (nothing changed), three rounds each.
let store = KnowledgeStore(pool: pool, embedder: embedder)
var coldTimes: [Double] = []
var warmTimes: [Double] = []
var lastReport = KnowledgeSyncReport()
for _ in 0..<3 {
  _ = try pool.execute("DELETE FROM knowledge_documents", [])
  var start = ContinuousClock.now
  lastReport = try store.sync(root: knowledgeBase)
  coldTimes.append(seconds(since: start))
  start = ContinuousClock.now
  _ = try store.sync(root: knowledgeBase)
  warmTimes.append(seconds(since: start))
}
let cold = coldTimes.sorted()[1]
let warm = warmTimes.sorted()[1]
print(
  "reindex \(knowledgeBase): \(lastReport.documents) documents, \(lastReport.chunks) chunks; "
    + "full \(format(cold * 1000)) ms (\(format(Double(lastReport.chunks) / cold)) chunks/s), "
    + "unchanged \(format(warm * 1000)) ms (median of 3)")

// 2. Synthetic chunks made of the bundled texts' own sentences, so the words, lengths and
// full-text matches look like real posts and guideline passages.
let scan = KnowledgeBaseReader(root: knowledgeBase).scan()
func sentences(of collection: KnowledgeCollection) -> [String] {
  scan.documents.filter { $0.collection == collection }.flatMap(\.chunks)
    .flatMap { $0.content.split(whereSeparator: { ".!?\n".contains($0) }) }
    .map { $0.trimmed() }.filter { $0.count > 20 }
}
let sentencePools: [KnowledgeCollection: [String]] = [
  .doctorStyle: sentences(of: .doctorStyle), .medicalKnowledge: sentences(of: .medicalKnowledge),
]
let topics =
  scan.documents.filter { $0.collection == .medicalKnowledge }.map(\.title)
  + [
    "metformin and vitamin B12", "flu shot for older adults", "sleep and depression",
    "home blood pressure", "antibiotic resistance", "cholesterol and statins",
  ]

/// A deterministic generator (SplitMix64), so every run stores the same chunks.
struct SplitMix {
  var state: UInt64
  mutating func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }
}

/// Adds chunks `from..<to` to `collection`, 1 000 per document, in multi-row inserts.
func fill(_ collection: KnowledgeCollection, from: Int, to: Int) throws {
  let phrases = sentencePools[collection] ?? []
  precondition(!phrases.isEmpty, "no sentences for \(collection.rawValue) in \(knowledgeBase)")
  var random = SplitMix(state: UInt64(from) &+ (collection == .doctorStyle ? 1 : 2))
  let perDocument = 1000
  let batch = 250
  var index = from
  while index < to {
    let documentNumber = index / perDocument
    let documentId = "bench-\(collection.rawValue)-\(documentNumber)"
    if index % perDocument == 0 {
      _ = try pool.execute(
        """
        INSERT INTO knowledge_documents (id, collection, path, title, content_hash)
        VALUES ($1, $2, $3, $4, 'bench')
        """,
        [
          documentId, collection.rawValue, "bench/\(collection.folder)/\(documentNumber).md",
          "Benchmark document \(documentNumber)",
        ])
    }
    let end = min(to, (documentNumber + 1) * perDocument, index + batch)
    var texts: [String] = []
    for _ in index..<end {
      let count = 2 + random.next(3)
      let picked = (0..<count).map { _ in phrases[random.next(phrases.count)] }
      texts.append(picked.joined(separator: ". "))
    }
    let vectors = try embedder.embed(texts)
    var values: [String] = []
    var parameters: [any PostgresBindable] = []
    for (offset, text) in texts.enumerated() {
      let base = parameters.count
      values.append(
        "($\(base + 1), $\(base + 2), $\(base + 3), $\(base + 4), '', $\(base + 5), $\(base + 6))")
      parameters += [
        "bench-\(collection.rawValue)-chunk-\(index + offset)", documentId, collection.rawValue,
        index + offset, text, vectors[offset],
      ]
    }
    _ = try pool.execute(
      "INSERT INTO knowledge_chunks (id, document_id, collection, ordinal, heading, content, "
        + "embedding) VALUES " + values.joined(separator: ", "), parameters)
    index = end
  }
}

/// Latencies in milliseconds of `count` searches, after one cold search that loads the cache.
func measure(_ count: Int, _ search: (String) throws -> [RetrievedChunk]) throws
  -> (cold: Double, sorted: [Double])
{
  var start = ContinuousClock.now
  _ = try search(topics[0])
  let cold = seconds(since: start) * 1000
  var latencies: [Double] = []
  for query in 0..<count {
    start = ContinuousClock.now
    let found = try search(topics[query % topics.count])
    latencies.append(seconds(since: start) * 1000)
    precondition(!found.isEmpty, "a search found nothing")
  }
  return (cold, latencies.sorted())
}

// 3. Latency at each size. The benchmark rows are added on top of the bundled base.
_ = try pool.execute("DELETE FROM knowledge_documents", [])
var stored = 0
print("chunks per collection | search | cold (cache load) ms | p50 ms | p95 ms | p99 ms")
for size in sizes.sorted() where size > stored {
  let start = ContinuousClock.now
  for collection in KnowledgeCollection.allCases {
    try fill(collection, from: stored, to: size)
  }
  _ = try pool.execute("ANALYZE knowledge_chunks", [])
  let fillSeconds = seconds(since: start)
  stored = size
  // A fresh store per size, as a worker starting after the reindex would have.
  let vectors = PostgresVectorStore(pool: pool, embedder: embedder)
  let style = try measure(queriesPerSize) { try StyleMatcher(store: vectors).samples(for: $0) }
  let knowledge = try measure(queriesPerSize) {
    try KnowledgeRetriever(store: vectors).chunks(for: $0)
  }
  for (name, result) in [("style match", style), ("knowledge", knowledge)] {
    print(
      "\(size) | \(name) | \(format(result.cold)) | \(format(percentile(result.sorted, 0.5))) | "
        + "\(format(percentile(result.sorted, 0.95))) | \(format(percentile(result.sorted, 0.99)))")
  }
  print(
    #"{"chunks":\#(size),"fill_seconds":\#(format(fillSeconds)),"#
      + #""style_p50_ms":\#(format(percentile(style.sorted, 0.5))),"#
      + #""style_p95_ms":\#(format(percentile(style.sorted, 0.95))),"#
      + #""knowledge_p50_ms":\#(format(percentile(knowledge.sorted, 0.5))),"#
      + #""knowledge_p95_ms":\#(format(percentile(knowledge.sorted, 0.95))),"#
      + #""cold_load_ms":\#(format(style.cold))}"#)
}
pool.closeIdle()
try adminConnection.executeScript("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")

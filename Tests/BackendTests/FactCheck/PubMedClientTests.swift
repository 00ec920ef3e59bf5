import Backend
import Redis
import Shared
import TestSupport
import Testing

/// A client against a fresh fake, with a rate-limit key of its own in the test Redis.
struct PubMedTestClient {
  let fake: FakePubMedServer
  let client: PubMedClient
  let redis: RedisPool

  init(
    _ behaviour: FakePubMedServer.Behaviour = .init(), apiKey: String? = nil,
    retry: PubMedClient.RetryPolicy = .standard
  ) throws {
    fake = try FakePubMedServer(behaviour)
    var environment = ["PUBMED_BASE_URL": fake.baseURL, "PUBMED_EMAIL": "ops@example.org"]
    environment["PUBMED_API_KEY"] = apiKey
    let settings = try EvidenceSettings(environment: environment)
    redis = RedisPool(settings: TestRedis.settings())
    let limiter = PubMedRateLimiter(
      redis: redis, hasAPIKey: apiKey != nil, key: "sera:test:pubmed:" + TestRedis.uniqueQueueName()
    )
    client = PubMedClient(settings: settings, limiter: limiter, retry: retry)
  }
}

@Suite("PubMed client")
struct PubMedClientTests {
  @Test("a 429 with Retry-After: 2 is waited out for at least 2 s, then the search succeeds")
  func honoursRetryAfter() throws {
    var behaviour = FakePubMedServer.Behaviour()
    behaviour.rateLimitedRequests = 1
    behaviour.retryAfter = "2"
    let test = try PubMedTestClient(behaviour)
    let started = ContinuousClock.now
    let result = try test.client.search("metformin", limit: 20)
    let waited = ContinuousClock.now - started
    #expect(waited >= .seconds(2))
    #expect(result.ids.count == 20)
    #expect(test.fake.arrivals.last?.query["retmax"] == "20")
    #expect(test.fake.arrivals.count == 2)
  }

  @Test("every request names the tool and e-mail and carries the API key when there is one")
  func identifiesItself() throws {
    let test = try PubMedTestClient(apiKey: "secret-key-123")
    _ = try test.client.search("metformin b12")
    let query = try #require(test.fake.arrivals.first?.query)
    #expect(query["tool"] == "sera")
    #expect(query["email"] == "ops@example.org")
    #expect(query["api_key"] == "secret-key-123")
    #expect(query["term"] == "metformin b12")
    #expect(query["retmode"] == "json")
  }

  @Test("errors after giving up never show the API key")
  func keyNeverInErrors() throws {
    var behaviour = FakePubMedServer.Behaviour()
    behaviour.failWithStatus = 503
    let quick = PubMedClient.RetryPolicy(
      attempts: 2, backoffSeconds: [0.1], maxRetryAfterSeconds: 1)
    let test = try PubMedTestClient(behaviour, apiKey: "secret-key-123", retry: quick)
    let error = #expect(throws: PubMedError.self) { try test.client.search("x") }
    #expect(error == .gaveUp(endpoint: "esearch", status: 503, attempts: 2))
    #expect(!"\(String(describing: error))".contains("secret-key-123"))
    #expect(test.fake.arrivals.count == 2)
  }

  @Test("a 400 is not retried")
  func clientErrorNotRetried() throws {
    var behaviour = FakePubMedServer.Behaviour()
    behaviour.failWithStatus = 400
    let test = try PubMedTestClient(behaviour)
    #expect(throws: PubMedError.self) { try test.client.search("x") }
    #expect(test.fake.arrivals.count == 1)
  }

  @Test("ESearch errors and warnings are surfaced, not read as an empty or filtered result")
  func searchProblemsSurfaced() throws {
    var behaviour = FakePubMedServer.Behaviour()
    behaviour.esearchFixture = "ncbi_eutils_json_esearch.error.json"
    let test = try PubMedTestClient(behaviour)
    let result = try test.client.search("anything")
    #expect(result.count == 5163)
    #expect(!result.phrasesNotFound.isEmpty)
    #expect(!result.problems.isEmpty)

    test.fake.configure { $0.esearchFixture = "ncbi_eutils_json_esearch.baderror.json" }
    let error = #expect(throws: PubMedError.self) { try test.client.search("anything") }
    #expect(error == .searchFailed("Invalid db name specified: fleegle"))
  }

  @Test("EFetch answers become articles with their PMIDs")
  func fetchesArticles() throws {
    let test = try PubMedTestClient()
    let articles = try test.client.articles(["27797938"])
    #expect(articles.map(\.evidenceId) == ["PMID:27797938"])
    #expect(test.fake.arrivals.first?.query["rettype"] == "abstract")
  }
}

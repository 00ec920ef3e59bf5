import FoundationEssentials
import HTTPServer
import Shared
import Synchronization

/// A local E-utilities: `esearch.fcgi` and `efetch.fcgi` answer with real NCBI responses from
/// Tests/Fixtures/pubmed, every request's arrival time and parameters are recorded, and the
/// first requests can be made to fail with 429 the way NCBI does.
public final class FakePubMedServer: Sendable {
  /// One request as it arrived.
  public struct Arrival: Sendable {
    public var endpoint: String
    public var query: [String: String]
    public var at: ContinuousClock.Instant
  }

  /// What the server answers; change it between requests with `configure`.
  public struct Behaviour: Sendable {
    /// Fixture file served by `esearch.fcgi`.
    public var esearchFixture = "ncbi_eutils_json_esearch.pubmed.json"
    /// Fixture file served by `efetch.fcgi`.
    public var efetchFixture = "biopython_pubmed4.xml"
    /// This many requests (of any endpoint) get 429 before any succeeds.
    public var rateLimitedRequests = 0
    /// The `Retry-After` value sent with a 429, if any (NCBI usually sends none).
    public var retryAfter: String? = nil
    /// Status every request gets instead of a fixture, if set.
    public var failWithStatus: Int? = nil

    /// The defaults: real fixtures, no failures.
    public init() {}
  }

  /// The base URL to use as `PUBMED_BASE_URL`.
  public let baseURL: String
  private let server: HTTPServer
  private let state: EvidenceLocked<(behaviour: Behaviour, arrivals: [Arrival])>

  /// A server with the given behaviour.
  public init(_ behaviour: Behaviour = Behaviour()) throws {
    let state = EvidenceLocked((behaviour: behaviour, arrivals: [Arrival]()))
    self.state = state
    (server, baseURL) = try EvidenceLoopback.start { request in
      FakePubMedServer.answer(request, state: state)
    }
  }

  deinit {
    server.stop()
  }

  /// Changes what later requests get.
  public func configure(_ change: (inout Behaviour) -> Void) {
    state.withLock { change(&$0.behaviour) }
  }

  /// Every request so far, in arrival order.
  public var arrivals: [Arrival] { state.withLock { $0.arrivals } }

  /// The largest number of arrivals inside any window of `seconds`.
  public func maxArrivals(within seconds: Double) -> Int {
    let times = arrivals.map(\.at).sorted()
    var best = 0
    var start = 0
    for end in times.indices {
      while times[end] - times[start] >= .milliseconds(Int(seconds * 1000)) { start += 1 }
      best = max(best, end - start + 1)
    }
    return best
  }

  /// The bytes of a file in Tests/Fixtures/pubmed.
  public static func fixture(_ name: String) -> [UInt8] {
    EvidenceFixtures.bytes("pubmed", name)
  }

  /// The ESearch answer cut to `retmax` ids as NCBI does (its default is 20); answers without
  /// an id list (errors) are sent unchanged.
  static func limited(_ body: [UInt8], retmax: String?) -> [UInt8] {
    let limit = retmax.flatMap { Int($0) } ?? 20
    guard case .object(var root)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body)),
      case .object(var result)? = root["esearchresult"],
      case .array(let ids)? = result["idlist"]
    else { return body }
    result["idlist"] = .array(Array(ids.prefix(limit)))
    result["retmax"] = .string(String(min(limit, ids.count)))
    root["esearchresult"] = .object(result)
    return (try? Array(JSONEncoder().encode(JSONValue.object(root)))) ?? body
  }

  private static func answer(
    _ request: HTTPRequest, state: EvidenceLocked<(behaviour: Behaviour, arrivals: [Arrival])>
  ) -> HTTPResponse {
    let endpoint = String(request.path.split(separator: "/").last ?? "")
    let behaviour = state.withLock { current -> Behaviour in
      current.arrivals.append(Arrival(endpoint: endpoint, query: request.query, at: .now))
      let snapshot = current.behaviour
      if current.behaviour.rateLimitedRequests > 0 { current.behaviour.rateLimitedRequests -= 1 }
      return snapshot
    }
    if behaviour.rateLimitedRequests > 0 {
      // NCBI's 429 body, as quoted in known-failures BR-14.
      let body =
        #"{"error":"API rate limit exceeded","api-key":"127.0.0.1","count":"4","limit":"3"}"#
      var response = HTTPResponse.text(status: 429, body, contentType: "application/json")
      if let retryAfter = behaviour.retryAfter {
        response = response.adding(header: "Retry-After", retryAfter)
      }
      return response
    }
    if let status = behaviour.failWithStatus { return .text(status: status, "failure\n") }
    switch endpoint {
    case "esearch.fcgi":
      return HTTPResponse(
        status: 200, headers: [("Content-Type", "application/json")],
        body: limited(fixture(behaviour.esearchFixture), retmax: request.query["retmax"]))
    case "efetch.fcgi":
      return HTTPResponse(
        status: 200, headers: [("Content-Type", "text/xml; charset=UTF-8")],
        body: fixture(behaviour.efetchFixture))
    default:
      return .text(status: 404, "unknown E-utility\n")
    }
  }
}

/// Reads the fixture files of the evidence tests (Tests/Fixtures/<area>/<name>).
public enum EvidenceFixtures {
  /// The path of a fixture file.
  public static func path(_ area: String, _ name: String) -> String {
    let here = #filePath.split(separator: "/").dropLast(2).joined(separator: "/")
    return "/" + here + "/Fixtures/" + area + "/" + name
  }

  /// The bytes of a fixture file (empty when it is missing, which the tests then notice).
  public static func bytes(_ area: String, _ name: String) -> [UInt8] {
    FileManager.default.contents(atPath: path(area, name)).map { Array($0) } ?? []
  }
}

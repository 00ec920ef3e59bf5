import Dispatch
import FoundationEssentials
import HTTPServer
import Postgres
import Redis
import Shared
import Synchronization

/// The backend's JSON API: routes, bearer-token auth, request metrics and one log line per request.
public final class APIServer: Sendable {
  private let router: Router
  private let authenticator: Authenticator
  private let logger: Logger
  private let requests: Counter
  private let durations: Histogram

  // Prometheus' default latency buckets, in seconds.
  static let durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

  /// An API over the given pools; tasks go to `configuration.queueName`.
  public init(
    configuration: Configuration, postgres: PostgresPool, redis: RedisPool, logger: Logger,
    metrics: MetricsRegistry
  ) {
    self.logger = logger
    self.authenticator = Authenticator(tokens: TokenStore(pool: postgres))
    self.requests = metrics.counter(
      "http_requests_total", help: "HTTP requests answered by the backend.",
      labels: ["handler", "method", "status"])
    self.durations = metrics.histogram(
      "http_request_duration_seconds", help: "Time to answer an HTTP request.",
      labels: ["handler", "method"], buckets: APIServer.durationBuckets)
    let queue = TaskQueue(redis: redis, name: configuration.queueName)
    let store = StoreCall(logger: logger)
    let probe = ServiceProbe(configuration: configuration)
    var router = Router()
    router.add("GET", "/api/v1/me", .read) { context throws(APIError) in .json(context.user) }
    HealthRoutes(probe: probe, metrics: metrics).register(in: &router)
    DraftRoutes(
      drafts: DraftStore(pool: postgres), feedback: FeedbackStore(pool: postgres), queue: queue,
      publishing: PublishStart(pool: postgres, queue: queue), store: store, logger: logger
    ).register(in: &router)
    OpsRoutes(
      ops: OpsQueries(pool: postgres), notifications: NotificationStore(pool: postgres),
      queue: queue, redis: redis, probe: probe, logger: logger
    ).register(in: &router)
    ReindexRoutes(queue: queue, redis: redis, logger: logger).register(in: &router)
    KnowledgeRoutes(configuration, queue, redis, logger).register(in: &router)
    let evidence = EvidenceStack.configured(
      environment: configuration.environment, pool: postgres, redis: nil, logger: logger)
    let samples = StyleSampleStore(pool: postgres, embedder: evidence.embedder)
    N8NRoutes(
      secret: (try? PublishingSettings(environment: configuration.environment))?.n8nCallbackSecret,
      attempts: PublishAttemptStore(pool: postgres), drafts: DraftStore(pool: postgres),
      settlement: PublishSettlement(pool: postgres, styleSamples: samples, logger: logger),
      store: store
    ).register(in: &router)
    StyleRoutes(samples: samples, store: store).register(in: &router)
    SlackRoutes(configuration: configuration, postgres: postgres, queue: queue, logger: logger)
      .register(in: &router)
    IntegrationRoutes(drafts: DraftStore(pool: postgres), queue: queue, logger: logger)
      .register(in: &router)
    DraftRoutes(
      drafts: DraftStore(pool: postgres), feedback: FeedbackStore(pool: postgres), queue: queue,
      publishing: PublishStart(pool: postgres, queue: queue), store: store, logger: logger
    ).registerEditing(in: &router)
    QueueRoutes(queue: queue, logger: logger).register(in: &router)
    self.router = router
  }

  /// Starts an HTTP server that answers with this API.
  public func serve(host: String, port: UInt16, threads: Int) throws -> HTTPServer {
    try HTTPServer(host: host, port: port, threads: threads) { [self] request, respond in
      self.handle(request, respond)
    }
  }

  /// Answers one request and waits for the answer; the way tests call the API without a socket.
  public func handle(_ request: HTTPRequest) -> HTTPResponse {
    let answer = Mutex<HTTPResponse?>(nil)
    let answered = DispatchSemaphore(value: 0)
    handle(request) { response in
      answer.withLock { $0 = $0 ?? response }
      answered.signal()
    }
    answered.wait()
    return answer.withLock { $0 } ?? HTTPResponse(status: 500)
  }

  /// Answers one request through `respond`, at once or (for a deferred route) later.
  public func handle(_ request: HTTPRequest, _ respond: @escaping HTTPResponder) {
    let start = ContinuousClock.now
    let recorded: @Sendable (HTTPResponse, String) -> Void = { [self] response, handler in
      self.record(request, response, handler: handler, since: start)
      respond(response)
    }
    switch router.match(method: request.method, path: request.path) {
    case .failure(let error):
      recorded(error.response, "unmatched")
    case .success(let (route, parameters)):
      do throws(APIError) {
        let caller = try authenticator.authorize(request, for: route.access)
        let context = RouteContext(request: request, parameters: parameters, caller: caller)
        try route.handler(context) { response in recorded(response, route.pattern) }
      } catch {
        recorded(error.response, route.pattern)
      }
    }
  }

  /// Counts the request, observes its duration and writes its log line.
  private func record(
    _ request: HTTPRequest, _ response: HTTPResponse, handler: String,
    since start: ContinuousClock.Instant
  ) {
    let elapsed = ContinuousClock.now - start
    let seconds =
      Double(elapsed.components.seconds)
      + Double(elapsed.components.attoseconds) / 1e18
    let status = String(response.status)
    requests.increment([handler, request.method, status])
    durations.observe(seconds, [handler, request.method])
    // Path only: the query may carry search text, and headers (Authorization) are never logged.
    // Probes and scrapes arrive every few seconds from every checker: logged at debug only.
    let isProbe = request.path == "/health" || request.path == "/metrics"
    logger.log(
      isProbe ? .debug : .info, "http_request",
      [
        ("method", .string(request.method)), ("path", .string(request.path)),
        ("status", .int(Int64(response.status))), ("duration_ms", .double(seconds * 1000)),
      ])
  }
}

/// Where the client fetches from and how often.
public struct ClientSettings: Sendable {
  public var baseURL: String
  public var token: String?
  /// Seconds between full refreshes.
  public var refreshInterval: Double
  public var requestTimeout: Double
  public var postgresProbe: TCPProbe
  public var redisProbe: TCPProbe

  /// Settings for one backend and its two stores.
  public init(
    baseURL: String, token: String?, refreshInterval: Double, requestTimeout: Double = 3,
    postgresProbe: TCPProbe, redisProbe: TCPProbe
  ) {
    self.baseURL = baseURL
    self.token = token
    self.refreshInterval = refreshInterval
    self.requestTimeout = requestTimeout
    self.postgresProbe = postgresProbe
    self.redisProbe = redisProbe
  }
}

import CCurl

/// A blocking HTTP client on libcurl: one easy handle per request, so it is safe from any thread.
public struct HTTPClient: Sendable {
  /// The whole request, connect to last byte, must finish within this many seconds.
  public var timeoutSeconds: Double
  /// Connecting (DNS, TCP, TLS) must finish within this many seconds.
  public var connectTimeoutSeconds: Double
  /// Responses with a larger body fail with `.responseTooLarge`.
  public var maxResponseBytes: Int
  /// Whether 3xx responses are followed (at most five hops); off unless asked.
  public var followRedirects: Bool

  /// A client whose requests give up after `timeoutSeconds`; connecting gets at most as long.
  public init(
    timeoutSeconds: Double, connectTimeoutSeconds: Double? = nil,
    maxResponseBytes: Int = 8 << 20, followRedirects: Bool = false
  ) {
    self.timeoutSeconds = timeoutSeconds
    self.connectTimeoutSeconds = min(connectTimeoutSeconds ?? timeoutSeconds, timeoutSeconds)
    self.maxResponseBytes = maxResponseBytes
    self.followRedirects = followRedirects
  }

  /// Sends one request with headers by name; see the ordered variant.
  public func send(
    method: String = "GET", url: String, headers: [String: String], body: [UInt8]? = nil
  ) throws(HTTPClientError) -> HTTPClientResponse {
    try send(method: method, url: url, headers: headers.map { ($0.key, $0.value) }, body: body)
  }

  /// Sends one request and waits for the whole response; any status counts as a response.
  public func send(
    method: String = "GET", url: String, headers: [(String, String)] = [], body: [UInt8]? = nil
  ) throws(HTTPClientError) -> HTTPClientResponse {
    guard CurlGlobal.ready else {
      throw HTTPClientError(.setup, url: url, "curl_global_init failed")
    }
    guard let handle = curl_easy_init() else {
      throw HTTPClientError(.setup, url: url, "curl_easy_init failed")
    }
    defer { curl_easy_cleanup(handle) }
    let sink = ResponseSink(limit: maxResponseBytes)
    let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
    var headerList: UnsafeMutablePointer<curl_slist>? = nil
    defer { curl_slist_free_all(headerList) }
    for (name, value) in headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
    let setup = CurlSetup(handle: handle)
    setup.basics(url: url, client: self)
    setup.method(method, body: body)
    setup.pointer(CURLOPT_WRITEDATA, sinkPointer)
    setup.pointer(CURLOPT_HEADERDATA, sinkPointer)
    _ = sera_curl_setopt_write(handle, curlWriteBody)
    _ = sera_curl_setopt_header(handle, curlWriteHeader)
    _ = sera_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
    let code = curl_easy_perform(handle)
    guard code == CURLE_OK else { throw HTTPClientError(code: code, url: url, sink: sink) }
    var status = 0
    _ = sera_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
    return HTTPClientResponse(status: status, headers: sink.headers, body: sink.body)
  }
}

/// A complete response: status, lower-cased header names, body bytes.
public struct HTTPClientResponse: Sendable {
  /// The HTTP status code of the final response.
  public var status: Int
  /// Header values by lower-cased name; a repeated header keeps its last value.
  public var headers: [String: String]
  /// The body bytes.
  public var body: [UInt8]

  /// A response from its parts.
  public init(status: Int, headers: [String: String], body: [UInt8]) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The body decoded as UTF-8, invalid sequences replaced.
  public var text: String { String(decoding: body, as: UTF8.self) }
}

/// `curl_global_init` runs once per process, before the first request.
enum CurlGlobal {
  static let ready: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}

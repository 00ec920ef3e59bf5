import CCurl

/// Sets the options of one easy handle; the strings are copied by libcurl.
struct CurlSetup {
  let handle: UnsafeMutableRawPointer

  func basics(url: String, client: HTTPClient) {
    _ = sera_curl_setopt_str(handle, CURLOPT_URL, url)
    // Threads may run requests at once; without this, timeouts use signals that hit any thread.
    long(CURLOPT_NOSIGNAL, 1)
    long(CURLOPT_TIMEOUT_MS, Int(client.timeoutSeconds * 1000))
    long(CURLOPT_CONNECTTIMEOUT_MS, Int(client.connectTimeoutSeconds * 1000))
    _ = sera_curl_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(client.maxResponseBytes))
    _ = sera_curl_setopt_str(handle, CURLOPT_PROTOCOLS_STR, "http,https")
    _ = sera_curl_setopt_str(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
    long(CURLOPT_FOLLOWLOCATION, client.followRedirects ? 1 : 0)
    long(CURLOPT_MAXREDIRS, 5)
    // Any encoding curl can decode; the body handed back is always the decoded one.
    _ = sera_curl_setopt_str(handle, CURLOPT_ACCEPT_ENCODING, "")
  }

  func method(_ method: String, body: [UInt8]?) {
    switch method {
    case "GET": long(CURLOPT_HTTPGET, 1)
    case "HEAD": long(CURLOPT_NOBODY, 1)
    default: _ = sera_curl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, method)
    }
    guard let body else { return }
    _ = sera_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
    body.withUnsafeBytes { raw in
      // COPYPOSTFIELDS copies the bytes now, so the array need not outlive this call.
      let pointer = UnsafeMutableRawPointer(mutating: raw.baseAddress) ?? emptyBody()
      _ = sera_curl_setopt_ptr(handle, CURLOPT_COPYPOSTFIELDS, pointer)
    }
    if method != "POST" { _ = sera_curl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, method) }
  }

  func pointer(_ option: CURLoption, _ value: UnsafeMutableRawPointer) {
    _ = sera_curl_setopt_ptr(handle, option, value)
  }

  private func long(_ option: CURLoption, _ value: Int) {
    _ = sera_curl_setopt_long(handle, option, value)
  }

  private func emptyBody() -> UnsafeMutableRawPointer {
    UnsafeMutableRawPointer(mutating: ("" as StaticString).utf8Start)
  }
}

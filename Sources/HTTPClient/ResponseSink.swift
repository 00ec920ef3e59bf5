import CCurl

/// Collects what libcurl receives for one request; only the thread running the request uses it.
final class ResponseSink {
  let limit: Int
  var body: [UInt8] = []
  var headers: [String: String] = [:]
  var exceededLimit = false

  init(limit: Int) {
    self.limit = limit
  }

  func take(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard body.count + bytes.count <= limit else {
      exceededLimit = true
      return false
    }
    body.append(contentsOf: bytes)
    return true
  }

  func takeHeader(_ line: String) {
    // A new status line starts another response (a redirect hop or 100 Continue): start over.
    if line.hasPrefix("HTTP/") {
      headers = [:]
      return
    }
    guard let colon = line.firstIndex(of: ":") else { return }
    let name = line[..<colon].lowercased()
    let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
    headers[name] = String(value.reversed().drop { $0.isWhitespace }.reversed())
  }
}

// Capture-less C callbacks; the sink arrives through the userdata pointer.

func curlWriteBody(
  data: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?
) -> Int {
  guard let context else { return 0 }
  let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
  let total = size * count
  guard total > 0, let data else { return total }
  let accepted = data.withMemoryRebound(to: UInt8.self, capacity: total) {
    sink.take(UnsafeBufferPointer(start: $0, count: total))
  }
  return accepted ? total : 0
}

func curlWriteHeader(
  data: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?
) -> Int {
  guard let context else { return 0 }
  let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
  let total = size * count
  guard total > 0, let data else { return total }
  let line = data.withMemoryRebound(to: UInt8.self, capacity: total) {
    String(decoding: UnsafeBufferPointer(start: $0, count: total), as: UTF8.self)
  }
  sink.takeHeader(line)
  return total
}

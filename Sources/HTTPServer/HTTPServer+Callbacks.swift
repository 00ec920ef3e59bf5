import CMicroHTTPD
import Shared

// libmicrohttpd calls these on its own threads. They are plain global functions, so they are
// nonisolated and never inferred @MainActor (pitfall P4 in swift-on-linux.md).

/// The body as it arrives over the upload calls of one request.
final class PendingRequest {
  var body: [UInt8] = []
  var tooLarge = false
}

/// MHD's access handler: first call sets up, middle calls take body bytes, the last one answers.
func serveCallback(
  context: UnsafeMutableRawPointer?, connection: OpaquePointer?, url: UnsafePointer<CChar>?,
  method: UnsafePointer<CChar>?, version: UnsafePointer<CChar>?,
  uploadData: UnsafePointer<CChar>?, uploadSize: UnsafeMutablePointer<Int>?,
  state: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
  guard let context, let connection, let uploadSize, let state else { return .NO }
  let server = Unmanaged<HTTPServer>.fromOpaque(context).takeUnretainedValue()
  guard let raw = state.pointee else {
    state.pointee = Unmanaged.passRetained(PendingRequest()).toOpaque()
    if declaredLength(connection) > server.maxBodyBytes {
      return queue(tooLargeResponse(server.maxBodyBytes), on: connection)
    }
    return .YES
  }
  let pending = Unmanaged<PendingRequest>.fromOpaque(raw).takeUnretainedValue()
  if uploadSize.pointee > 0 {
    append(uploadData, count: uploadSize.pointee, to: pending, limit: server.maxBodyBytes)
    uploadSize.pointee = 0
    return .YES
  }
  if pending.tooLarge { return queue(tooLargeResponse(server.maxBodyBytes), on: connection) }
  let request = HTTPRequest(
    method: method.map { String(cString: $0) } ?? "GET",
    path: url.map { String(cString: $0) } ?? "/",
    query: values(of: .GET_ARGUMENT_KIND, on: connection, lowerCased: false),
    headers: values(of: .HEADER_KIND, on: connection, lowerCased: true),
    body: pending.body)
  return queue(server.handler(request), on: connection)
}

/// MHD's completion notice: frees the per-request state whatever way the request ended.
func completedCallback(
  context: UnsafeMutableRawPointer?, connection: OpaquePointer?,
  state: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, reason: MHD_RequestTerminationCode
) {
  guard let state, let raw = state.pointee else { return }
  Unmanaged<PendingRequest>.fromOpaque(raw).release()
  state.pointee = nil
}

/// Keeps the bytes while under the limit; past it, drops them and remembers to answer 413.
private func append(
  _ data: UnsafePointer<CChar>?, count: Int, to pending: PendingRequest, limit: Int
) {
  guard let data, !pending.tooLarge else { return }
  guard pending.body.count + count <= limit else {
    pending.tooLarge = true
    pending.body = []
    return
  }
  data.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
    pending.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
  }
}

/// The Content-Length the client declared, or 0 when absent or unreadable.
private func declaredLength(_ connection: OpaquePointer) -> Int {
  guard let value = MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length")
  else { return 0 }
  return Int(String(cString: value)) ?? 0
}

private func tooLargeResponse(_ limit: Int) -> HTTPResponse {
  .json(
    status: 413,
    APIErrorBody(
      error: "payload_too_large", detail: "request body is larger than \(limit) bytes"))
}

/// Collects one kind of connection value (headers or query arguments) into a dictionary.
private func values(of kind: MHD_ValueKind, on connection: OpaquePointer, lowerCased: Bool)
  -> [String: String]
{
  let collected = CollectedValues(lowerCased: lowerCased)
  let box = Unmanaged.passUnretained(collected).toOpaque()
  _ = MHD_get_connection_values(connection, kind, collectValue, box)
  return collected.values
}

private final class CollectedValues {
  let lowerCased: Bool
  var values: [String: String] = [:]

  init(lowerCased: Bool) {
    self.lowerCased = lowerCased
  }
}

private func collectValue(
  context: UnsafeMutableRawPointer?, kind: MHD_ValueKind, key: UnsafePointer<CChar>?,
  value: UnsafePointer<CChar>?
) -> MHD_Result {
  guard let context, let key else { return .YES }
  let collected = Unmanaged<CollectedValues>.fromOpaque(context).takeUnretainedValue()
  let name = String(cString: key)
  collected.values[collected.lowerCased ? name.lowercased() : name] =
    value.map { String(cString: $0) } ?? ""
  return .YES
}

/// Hands a response to MHD, which copies the body, and sends it when the connection is ready.
private func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
  let created = response.body.withUnsafeBytes { raw in
    MHD_create_response_from_buffer(
      raw.count, UnsafeMutableRawPointer(mutating: raw.baseAddress), .RESPMEM_MUST_COPY)
  }
  guard let created else { return .NO }
  defer { MHD_destroy_response(created) }
  for (name, value) in response.headers {
    _ = MHD_add_response_header(created, name, value)
  }
  return MHD_queue_response(connection, UInt32(clamping: response.status), created)
}

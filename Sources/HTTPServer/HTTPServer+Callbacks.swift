import CMicroHTTPD
import Shared
import Synchronization

// libmicrohttpd calls these on its own threads. They are plain global functions, so they are
// nonisolated and never inferred @MainActor (pitfall P4 in swift-on-linux.md).

/// One request from its first call to its answer. The body fields are touched only by the
/// server thread serving the connection; the answer may come from any thread, under its lock.
final class PendingRequest: @unchecked Sendable {
  var body: [UInt8] = []
  var tooLarge = false
  private let state = Mutex<AnswerState>(.reading)

  /// Where the answer is: not asked for yet, being worked out (the handler is still running),
  /// parked (the connection is suspended until it comes), ready to send, or sent.
  private enum AnswerState {
    case reading
    case handling
    case parked(ConnectionHandle)
    case ready(HTTPResponse)
    case sent
  }

  /// Marks the handler as started; false if it already was (a call after a resume).
  func startHandling() -> Bool {
    state.withLock { current in
      guard case .reading = current else { return false }
      current = .handling
      return true
    }
  }

  /// The answer, if it is ready, marking it sent.
  func takeAnswer() -> HTTPResponse? {
    state.withLock { current in
      guard case .ready(let response) = current else { return nil }
      current = .sent
      return response
    }
  }

  /// After the handler returned: the answer if it already came, else the connection is
  /// suspended until `answer` resumes it. Runs on the server thread, as suspending must.
  func parkUnlessAnswered(_ connection: OpaquePointer, server: HTTPServer) -> HTTPResponse? {
    state.withLock { current in
      if case .ready(let response) = current {
        current = .sent
        return response
      }
      let admitted = server.parked.withLock { state -> Bool in
        guard !state.stopping else { return false }
        state.requests[ObjectIdentifier(self)] = self
        return true
      }
      guard admitted else {
        current = .sent
        return HTTPServer.stoppingResponse
      }
      current = .parked(ConnectionHandle(raw: connection))
      MHD_suspend_connection(connection)
      return nil
    }
  }

  /// Takes the handler's answer (the first one only) and wakes a parked connection to send it.
  func answer(_ response: HTTPResponse, server: HTTPServer) {
    state.withLock { current in
      switch current {
      case .reading, .handling:
        current = .ready(response)
      case .parked(let connection):
        current = .ready(response)
        server.parked.withLock { $0.requests[ObjectIdentifier(self)] = nil }
        MHD_resume_connection(connection.raw)
      case .ready, .sent:
        return
      }
    }
  }
}

/// A connection pointer handed to the thread that answers it, used only under its request's lock.
struct ConnectionHandle: @unchecked Sendable {
  let raw: OpaquePointer
}

/// MHD's access handler: first call sets up, middle calls take body bytes, the last one asks the
/// handler; a call after a parked connection is resumed sends the answer.
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
    server.unfinished.add(1, ordering: .relaxed)
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
  if let answer = pending.takeAnswer() { return queue(answer, on: connection) }
  guard pending.startHandling() else { return .YES }
  if pending.tooLarge { return queue(tooLargeResponse(server.maxBodyBytes), on: connection) }
  let request = HTTPRequest(
    method: method.map { String(cString: $0) } ?? "GET",
    path: url.map { String(cString: $0) } ?? "/",
    query: values(of: .GET_ARGUMENT_KIND, on: connection, headers: false),
    headers: values(of: .HEADER_KIND, on: connection, headers: true),
    body: pending.body)
  server.handler(request) { [pending, server] response in
    pending.answer(response, server: server)
  }
  guard let answer = pending.parkUnlessAnswered(connection, server: server) else { return .YES }
  return queue(answer, on: connection)
}

/// MHD's completion notice: frees the per-request state whatever way the request ended.
func completedCallback(
  context: UnsafeMutableRawPointer?, connection: OpaquePointer?,
  state: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, reason: MHD_RequestTerminationCode
) {
  guard let context, let state, let raw = state.pointee else { return }
  Unmanaged<PendingRequest>.fromOpaque(raw).release()
  state.pointee = nil
  Unmanaged<HTTPServer>.fromOpaque(context).takeUnretainedValue().unfinished
    .subtract(1, ordering: .releasing)
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
private func values(of kind: MHD_ValueKind, on connection: OpaquePointer, headers: Bool)
  -> [String: String]
{
  let collected = CollectedValues(joinsRepeats: headers)
  let box = Unmanaged.passUnretained(collected).toOpaque()
  _ = MHD_get_connection_values(connection, kind, collectValue, box)
  return collected.values
}

private final class CollectedValues {
  /// Headers: names lower-cased, repeats joined. Query arguments: as sent, the last one kept.
  let joinsRepeats: Bool
  var values: [String: String] = [:]

  init(joinsRepeats: Bool) {
    self.joinsRepeats = joinsRepeats
  }
}

private func collectValue(
  context: UnsafeMutableRawPointer?, kind: MHD_ValueKind, key: UnsafePointer<CChar>?,
  value: UnsafePointer<CChar>?
) -> MHD_Result {
  guard let context, let key else { return .YES }
  let collected = Unmanaged<CollectedValues>.fromOpaque(context).takeUnretainedValue()
  let name = String(cString: key)
  let text = value.map { String(cString: $0) } ?? ""
  guard collected.joinsRepeats else {
    collected.values[name] = text
    return .YES
  }
  // A repeated header is one list, joined with commas (RFC 9110 §5.3), so a second copy of a
  // header (a signature, say) cannot quietly replace the first.
  let field = name.lowercased()
  collected.values[field] = collected.values[field].map { $0 + ", " + text } ?? text
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

import FoundationEssentials
import HTTPClient
import Shared

#if canImport(Glibc)
  import Glibc
#endif

/// One HTTP call to a platform. Failures carry whether the request can have reached the
/// platform, and never the URL (Telegram's holds the bot token, Threads' query the user token).
struct PlatformCall: Sendable {
  /// A call that got no usable answer.
  struct Failure: Error {
    /// False only when the request provably never left (no connection was made).
    var mayHaveArrived: Bool
    var message: String
  }

  let client: HTTPClient
  let platform: Platform

  /// Sends the request; any HTTP status is an answer.
  func send(
    _ method: String, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil
  ) throws(Failure) -> HTTPClientResponse {
    do {
      return try client.send(method: method, url: url, headers: headers, body: body)
    } catch {
      // error.description would include the URL, so only its kind is kept.
      switch error.kind {
      case .setup, .invalidURL, .connect:
        throw Failure(mayHaveArrived: false, message: "could not connect (\(error.kind.rawValue))")
      case .timeout, .transfer, .responseTooLarge:
        throw Failure(mayHaveArrived: true, message: "no answer (\(error.kind.rawValue))")
      }
    }
  }

  /// Sends a request that creates something visible, bracketed by the journal: the part is
  /// marked in flight first and cleared again only when the platform provably did not take it.
  func post(
    part index: Int, note: String? = nil, journal: any PublishJournal,
    _ request: () throws(Failure) -> HTTPClientResponse
  ) throws(PublishError) -> HTTPClientResponse {
    try journal.willSend(part: index, note: note)
    let response: HTTPClientResponse
    do {
      response = try request()
    } catch {
      if !error.mayHaveArrived { try journal.notSent(part: index) }
      let suffix = error.mayHaveArrived ? "; Sera will check before sending again" : ""
      throw PublishError(.retryable, platform, error.message + suffix)
    }
    // A 5xx may come from a proxy after the platform accepted the post; stay unsure.
    if !(500...599).contains(response.status) { try journal.notSentUnlessOK(index, response) }
    return response
  }

  /// Decodes a JSON answer body, or nil when it is not JSON.
  static func json(_ response: HTTPClientResponse) -> JSONValue? {
    try? SeraJSON.decode(JSONValue.self, from: response.body)
  }

  /// Blocks the calling worker thread, for a platform's requested pause.
  static func pause(seconds: Double) {
    guard seconds > 0 else { return }
    var request = timespec(
      tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
  }
}

extension PublishJournal {
  /// Clears the in-flight mark after an answer that is not success: the platform refused it.
  fileprivate func notSentUnlessOK(_ index: Int, _ response: HTTPClientResponse)
    throws(PublishError)
  {
    if !(200...299).contains(response.status) { try notSent(part: index) }
  }
}

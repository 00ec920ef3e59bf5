import FoundationEssentials
import HTTPClient
import Shared

/// Posts to Threads: a TEXT container per part, polled (a bounded number of times) until it is
/// ready, then published; a long post becomes a reply chain.
///
/// A container is published at most once, so after a lost answer the container's own status
/// says whether the part went out.
public struct ThreadsPublisher: Publisher {
  private let call: PlatformCall
  private let baseURL: String
  private let userId: String
  private let token: PublishingSettings.Secret
  private let pollAttempts: Int
  private let pollInterval: Double

  /// A publisher for the Threads user of `settings`.
  public init(settings: PublishingSettings, userId: String, token: PublishingSettings.Secret) {
    self.call = PlatformCall(
      client: HTTPClient(timeoutSeconds: Double(settings.timeoutSeconds)), platform: .threads)
    self.baseURL = settings.threadsBaseURL
    self.userId = userId
    self.token = token
    self.pollAttempts = settings.threadsPollAttempts
    self.pollInterval = Double(settings.threadsPollIntervalMilliseconds) / 1000
  }

  public func publish(_ post: OutgoingPost, journal: any PublishJournal) throws(PublishError)
    -> PublishOutcome
  {
    let parts = PostSplitter(
      measure: { PlatformTextMetrics.threadsLength($0) }, limit: Platform.threads.characterLimit
    ).split(post.content)
    let sent = try PartSequence(journal: journal).run(
      parts,
      verify: { (index, _, note) throws(PublishError) in try self.published(container: note, index)
      },
      send: { (index, text, previous) throws(PublishError) in
        try self.post(text, part: index, replyTo: previous, journal: journal)
      })
    return .posted(try sent.receipt(.threads))
  }

  private func post(
    _ text: String, part index: Int, replyTo previous: PublishedPart?, journal: any PublishJournal
  ) throws(PublishError) -> PublishedPart {
    var form = [("media_type", "TEXT"), ("text", text)]
    if let previous { form.append(("reply_to_id", previous.postId)) }
    let container = try id(from: request("POST", "/\(userId)/threads", form), "container")
    try waitUntilReady(container)
    let response = try call.post(part: index, note: container, journal: journal) {
      () throws(PlatformCall.Failure) in
      try call.send("POST", url("/\(userId)/threads_publish", [("creation_id", container)]))
    }
    let mediaId = try id(from: response, "publish")
    return PublishedPart(index: index, postId: mediaId, url: permalink(mediaId))
  }

  /// Polls the container until FINISHED; ERROR and EXPIRED end it, as does the poll bound.
  private func waitUntilReady(_ container: String) throws(PublishError) {
    for attempt in 1...pollAttempts {
      let status = try self.status(of: container)
      switch status {
      case "FINISHED": return
      case "ERROR", "EXPIRED":
        throw PublishError(.permanent, .threads, "container \(container) is \(status)")
      default:
        if attempt < pollAttempts { PlatformCall.pause(seconds: pollInterval) }
      }
    }
    throw PublishError(
      .retryable, .threads, "container \(container) not ready after \(pollAttempts) checks")
  }

  /// The part a container became when it was published, nil when it never was.
  private func published(container: String?, _ index: Int) throws(PublishError)
    -> PublishedPart?
  {
    guard let container, try status(of: container) == "PUBLISHED" else { return nil }
    let answer = PlatformCall.json(
      try request("GET", "/\(container)", [("fields", "id,permalink")]))
    guard let id = answer?["id"]?.stringValue else {
      throw PublishError(.outcomeUnknown, .threads, "container \(container) published, id unknown")
    }
    // Assumption (unconfirmed in Meta's docs): a published container answers with the id
    // and permalink of the post it became.
    return PublishedPart(
      index: index, postId: id, url: answer?["permalink"]?.stringValue ?? permalink(id))
  }

  private func status(of container: String) throws(PublishError) -> String {
    let answer = PlatformCall.json(
      try request("GET", "/\(container)", [("fields", "status,error_message")]))
    guard let status = answer?["status"]?.stringValue else {
      throw PublishError(.retryable, .threads, "container status answered without a status")
    }
    return status
  }

  private func permalink(_ mediaId: String) -> String {
    let answer = try? request("GET", "/\(mediaId)", [("fields", "permalink")])
    return answer.flatMap { PlatformCall.json($0)?["permalink"]?.stringValue }
      ?? "https://www.threads.net/post/\(mediaId)"
  }

  /// A call that creates nothing visible; a lost answer is simply retryable.
  private func request(_ method: String, _ path: String, _ form: [(String, String)])
    throws(PublishError) -> HTTPClientResponse
  {
    let response: HTTPClientResponse
    do { response = try call.send(method, url(path, form)) } catch {
      throw PublishError(.retryable, .threads, error.message)
    }
    guard (200...299).contains(response.status) else { throw refusal(response) }
    return response
  }

  private func id(from response: HTTPClientResponse, _ step: String) throws(PublishError) -> String
  {
    guard (200...299).contains(response.status) else { throw refusal(response) }
    guard let id = PlatformCall.json(response)?["id"]?.stringValue else {
      throw PublishError(.outcomeUnknown, .threads, "\(step) answered without an id")
    }
    return id
  }

  /// Graph errors: 4, 17 and 613 are throttling, 5xx transient; the rest will not change.
  private func refusal(_ response: HTTPClientResponse) -> PublishError {
    let error = PlatformCall.json(response)?["error"]
    let code = error?["code"]?.intValue ?? 0
    let message = error?["message"]?.stringValue ?? "HTTP \(response.status)"
    let transient = response.status >= 500 || [4, 17, 613].contains(code)
    return PublishError(transient ? .retryable : .permanent, .threads, "\(code) \(message)")
  }

  /// The URL with its query; the token is the last parameter and the URL is never logged.
  private func url(_ path: String, _ query: [(String, String)]) -> String {
    let all = query + [("access_token", token.value)]
    return baseURL + path + "?"
      + all.map { OAuth1Signer.percentEncode($0.0) + "=" + OAuth1Signer.percentEncode($0.1) }
      .joined(separator: "&")
  }
}

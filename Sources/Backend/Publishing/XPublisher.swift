import FoundationEssentials
import HTTPClient
import Shared

/// Posts to X with API v2 `POST /2/tweets`; a post over 280 weighted characters becomes a
/// numbered thread, each tweet a reply to the one before.
///
/// A tweet whose answer was lost is looked for on the user's own timeline before anything is
/// sent again; a "duplicate content" refusal counts as posted only when that lookup finds it.
public struct XPublisher: Publisher {
  /// How X authenticates the user.
  public enum Credentials: Sendable {
    /// OAuth 1.0a user context.
    case oauth1(consumerKey: String, consumerSecret: String, token: String, tokenSecret: String)
    /// An OAuth 2.0 user access token.
    case bearer(String)
  }

  // Tweets fetched when looking for an earlier send; a thread is far shorter.
  static let lookupCount = 20

  private let call: PlatformCall
  private let baseURL: String
  private let credentials: Credentials
  private let maxRetryAfterSeconds: Int

  /// A publisher for the account of `credentials`.
  public init(settings: PublishingSettings, credentials: Credentials) {
    self.call = PlatformCall(
      client: HTTPClient(timeoutSeconds: Double(settings.timeoutSeconds)), platform: .twitter)
    self.baseURL = settings.xBaseURL
    self.credentials = credentials
    self.maxRetryAfterSeconds = settings.maxRetryAfterSeconds
  }

  public func publish(_ post: OutgoingPost, journal: any PublishJournal) throws(PublishError)
    -> PublishOutcome
  {
    let parts = PostSplitter(
      measure: { TwitterText.weightedLength($0) }, limit: Platform.twitter.characterLimit
    ).split(post.content)
    let sent = try PartSequence(journal: journal).run(
      parts,
      verify: { (index, text, _) throws(PublishError) in try self.findOnTimeline(text, index) },
      send: { (index, text, previous) throws(PublishError) in
        try self.tweet(text, part: index, replyTo: previous, journal: journal)
      })
    return .posted(try sent.receipt(.twitter))
  }

  private func tweet(
    _ text: String, part index: Int, replyTo previous: PublishedPart?, journal: any PublishJournal
  ) throws(PublishError) -> PublishedPart {
    var fields: [String: JSONValue] = ["text": .string(text)]
    if let previous {
      fields["reply"] = .object(["in_reply_to_tweet_id": .string(previous.postId)])
    }
    let body = (try? SeraJSON.encode(JSONValue.object(fields))) ?? []
    let url = baseURL + "/2/tweets"
    while true {
      let response = try call.post(part: index, journal: journal) {
        () throws(PlatformCall.Failure) in
        try call.send(
          "POST", url, headers: headers("POST", url) + [("Content-Type", "application/json")],
          body: body)
      }
      let answer = PlatformCall.json(response)
      if (200...299).contains(response.status), let id = answer?["data"]?["id"]?.stringValue {
        return Self.part(index, id)
      }
      if response.status == 429, let wait = secondsUntilReset(response) {
        guard wait <= maxRetryAfterSeconds else {
          throw PublishError(.rateLimited(seconds: wait), .twitter, "rate limited for \(wait) s")
        }
        PlatformCall.pause(seconds: Double(wait))
        continue
      }
      let detail = Self.detail(answer) ?? "HTTP \(response.status)"
      if response.status == 403, detail.lowercased().contains("duplicate") {
        // Not found on the timeline just before (or never sent): not provably Sera's.
        throw PublishError(
          .permanent, .twitter,
          "403 \(detail) (no matching tweet of this post was found on the account)")
      }
      let kind: PublishError.Kind = response.status >= 500 ? .retryable : .permanent
      throw PublishError(kind, .twitter, "\(response.status) \(detail)")
    }
  }

  /// The tweet of `text` on the account's recent timeline, or nil when it is not there.
  private func findOnTimeline(_ text: String, _ index: Int) throws(PublishError) -> PublishedPart? {
    let me = try lookup(baseURL + "/2/users/me")
    guard let userId = me["data"]?["id"]?.stringValue else {
      throw PublishError(.retryable, .twitter, "users/me answered without an id")
    }
    let timeline = try lookup(
      baseURL + "/2/users/\(userId)/tweets?max_results=\(Self.lookupCount)")
    guard case .array(let tweets)? = timeline["data"] else { return nil }
    let wanted = TwitterText.maskingURLs(text)
    for tweet in tweets {
      if let body = tweet["text"]?.stringValue, TwitterText.maskingURLs(body) == wanted,
        let id = tweet["id"]?.stringValue
      {
        return Self.part(index, id)
      }
    }
    return nil
  }

  private func lookup(_ url: String) throws(PublishError) -> JSONValue {
    let response: HTTPClientResponse
    do { response = try call.send("GET", url, headers: headers("GET", url)) } catch {
      throw PublishError(.retryable, .twitter, "timeline lookup failed: \(error.message)")
    }
    guard response.status == 200, let answer = PlatformCall.json(response) else {
      throw PublishError(.retryable, .twitter, "timeline lookup answered \(response.status)")
    }
    return answer
  }

  private func headers(_ method: String, _ url: String) -> [(String, String)] {
    switch credentials {
    case .bearer(let token): return [("Authorization", "Bearer " + token)]
    case .oauth1(let key, let secret, let token, let tokenSecret):
      let signer = OAuth1Signer(
        consumerKey: key, consumerSecret: secret, token: token, tokenSecret: tokenSecret)
      return [("Authorization", signer.authorization(method: method, url: url))]
    }
  }

  /// Seconds until `x-rate-limit-reset` (Unix seconds), at least 1.
  private func secondsUntilReset(_ response: HTTPClientResponse) -> Int? {
    guard let reset = response.headers["x-rate-limit-reset"].flatMap({ Int($0) }) else {
      return nil
    }
    return max(1, reset - Int(Date().timeIntervalSince1970))
  }

  private static func part(_ index: Int, _ id: String) -> PublishedPart {
    PublishedPart(index: index, postId: id, url: "https://x.com/i/web/status/\(id)")
  }

  /// The problem text of an X error body (`detail`, `title` or `errors[0].message`).
  private static func detail(_ answer: JSONValue?) -> String? {
    if let detail = answer?["detail"]?.stringValue { return detail }
    if case .array(let errors)? = answer?["errors"], let message = errors.first?["message"] {
      return message.stringValue
    }
    return answer?["title"]?.stringValue
  }
}

import Shared

/// Puts a draft's text on one platform. A publisher records each part in the journal before
/// and after sending it, so a retry continues where the last attempt stopped and never sends a
/// part twice unless the platform proves it was not received.
public protocol Publisher: Sendable {
  /// Publishes `post`, skipping parts the journal already holds.
  func publish(_ post: OutgoingPost, journal: any PublishJournal) throws(PublishError)
    -> PublishOutcome
}

/// One draft's text for one platform.
public struct OutgoingPost: Sendable, Equatable {
  /// The draft being published.
  public var draftId: Int64
  /// Where it goes.
  public var platform: Platform
  /// The text, as approved.
  public var content: String
  /// The draft version the text belongs to.
  public var version: Int
  /// Sera's key for this (draft, platform, text), sent where a platform or n8n accepts one.
  public var idempotencyKey: String

  /// A post of `content` for `platform`.
  public init(
    draftId: Int64, platform: Platform, content: String, version: Int, idempotencyKey: String
  ) {
    self.draftId = draftId
    self.platform = platform
    self.content = content
    self.version = version
    self.idempotencyKey = idempotencyKey
  }
}

/// What a publisher achieved.
public enum PublishOutcome: Sendable, Equatable {
  /// The platform confirmed the post.
  case posted(PublishReceipt)
  /// n8n accepted the post; its callback will say how it went.
  case awaitingConfirmation
}

/// Where a published post can be found: the first part's id and link.
public struct PublishReceipt: Sendable, Equatable {
  /// The platform's id of the post (of the first message of a sequence or thread).
  public var postId: String
  /// A link to the post (a `file://` URL for the outbox).
  public var url: String

  /// A receipt of a post id and its link.
  public init(postId: String, url: String) {
    self.postId = postId
    self.url = url
  }
}

/// One message of a post that was split (a Telegram sequence, an X or Threads thread).
public struct PublishedPart: Codable, Sendable, Equatable {
  /// Its place in the sequence, from 0.
  public var index: Int
  /// The platform's id of the message.
  public var postId: String
  /// A link to it, when the platform gives one.
  public var url: String

  /// A part at `index` with the platform's id and link.
  public init(index: Int, postId: String, url: String) {
    self.index = index
    self.postId = postId
    self.url = url
  }
}

/// The durable record of one publish attempt, as a publisher sees it.
public protocol PublishJournal: Sendable {
  /// Parts confirmed by earlier tries, by index.
  var completedParts: [PublishedPart] { get }
  /// The part sent by an earlier try whose outcome is unknown, with the note stored with it.
  var partInFlight: (index: Int, note: String?)? { get }
  /// Records that `index` is about to be sent (with a note such as a Threads container id).
  func willSend(part index: Int, note: String?) throws(PublishError)
  /// Records a confirmed part.
  func sent(_ part: PublishedPart) throws(PublishError)
  /// Records that `index` provably did not reach the platform.
  func notSent(part index: Int) throws(PublishError)
}

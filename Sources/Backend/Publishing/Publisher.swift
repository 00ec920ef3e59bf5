import Shared

/// Puts a draft's text on a platform; publishing the same (draft, platform, version) twice must
/// give the same receipt and one post.
public protocol Publisher: Sendable {
  /// Publishes `content`, version `version` of `draft`, to `platform`.
  func publish(draft: Draft, platform: Platform, content: String, version: Int) throws
    -> PublishReceipt
}

/// Where a published post can be found.
public struct PublishReceipt: Sendable, Equatable {
  /// The platform's id of the post.
  public var postId: String
  /// A link to the post (a `file://` URL for the outbox).
  public var url: String

  /// A receipt of a post id and its link.
  public init(postId: String, url: String) {
    self.postId = postId
    self.url = url
  }
}

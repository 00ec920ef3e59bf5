import FoundationEssentials
import HTTPClient
import Shared

/// Posts to a Telegram chat with the Bot API's `sendMessage`: plain text, or MarkdownV2 with
/// every reserved character escaped; long posts go as a numbered sequence of messages.
///
/// Telegram has no way to ask whether a message arrived, so a message whose answer was lost is
/// never sent again: the attempt ends `unknown` for a person to check.
public struct TelegramPublisher: Publisher {
  /// sendMessage's limit: 4096 characters after entity parsing. Budgeting in UTF-16 units is
  /// safe whether Telegram counts those or code points (external-apis §5, BR-06).
  static let messageLimit = Platform.telegram.characterLimit

  private let call: PlatformCall
  private let baseURL: String
  private let token: PublishingSettings.Secret
  private let chatId: String
  private let format: PublishingSettings.TelegramFormat
  private let maxRetryAfterSeconds: Int
  private let logger: Logger

  /// A publisher for the chat and bot of `settings`.
  public init(
    settings: PublishingSettings, token: PublishingSettings.Secret, chatId: String,
    logger: Logger
  ) {
    self.call = PlatformCall(
      client: HTTPClient(timeoutSeconds: Double(settings.timeoutSeconds)), platform: .telegram)
    self.baseURL = settings.telegramBaseURL
    self.token = token
    self.chatId = chatId
    self.format = settings.telegramFormat
    self.maxRetryAfterSeconds = settings.maxRetryAfterSeconds
    self.logger = logger
  }

  public func publish(_ post: OutgoingPost, journal: any PublishJournal) throws(PublishError)
    -> PublishOutcome
  {
    let parts = PostSplitter(measure: { $0.utf16.count }, limit: Self.messageLimit)
      .split(post.content)
    let sequence = PartSequence(journal: journal)
    let sent = try sequence.run(
      parts,
      verify: { (index, _, _) throws(PublishError) in
        throw PublishError(
          .outcomeUnknown, .telegram,
          "message \(index + 1) of \(parts.count) may have been delivered (the answer was lost); "
            + "Telegram cannot be asked, so it was not sent again: check the chat")
      },
      send: { (index, text, _) throws(PublishError) in
        try self.send(text, part: index, journal: journal, draftId: post.draftId)
      })
    return .posted(try sent.receipt(.telegram))
  }

  /// Sends one message, waiting out `retry_after` on 429 when it is short enough.
  private func send(_ text: String, part index: Int, journal: any PublishJournal, draftId: Int64)
    throws(PublishError) -> PublishedPart
  {
    let body = try requestBody(text)
    while true {
      let response = try call.post(part: index, journal: journal) {
        () throws(PlatformCall.Failure) in
        try call.send(
          "POST", baseURL + "/bot" + token.value + "/sendMessage",
          headers: [("Content-Type", "application/json")], body: body)
      }
      let answer = PlatformCall.json(response)
      if response.status == 200, answer?["ok"] == .bool(true), let result = answer?["result"] {
        return try part(index, from: result)
      }
      let wait = answer?["parameters"]?["retry_after"]?.intValue
      if response.status == 429, let wait {
        guard wait <= maxRetryAfterSeconds else {
          throw PublishError(
            .rateLimited(seconds: Int(wait)), .telegram, "rate limited for \(wait) s")
        }
        logger.warning(
          "publish_rate_limited",
          [("platform", "telegram"), ("draft_id", .int(draftId)), ("retry_after_s", .int(wait))])
        PlatformCall.pause(seconds: Double(wait))
        continue
      }
      throw refusal(response.status, answer)
    }
  }

  private func requestBody(_ text: String) throws(PublishError) -> [UInt8] {
    var fields: [String: JSONValue] = [
      "chat_id": .string(chatId),
      "link_preview_options": .object(["is_disabled": .bool(true)]),
    ]
    switch format {
    case .plain: fields["text"] = .string(text)
    case .markdownv2:
      fields["text"] = .string(MarkdownV2.escape(text))
      fields["parse_mode"] = .string("MarkdownV2")
    }
    do { return try SeraJSON.encode(JSONValue.object(fields)) } catch {
      throw PublishError(.permanent, .telegram, "could not encode the message: \(error)")
    }
  }

  private func part(_ index: Int, from message: JSONValue) throws(PublishError) -> PublishedPart {
    guard let id = message["message_id"]?.intValue else {
      throw PublishError(.outcomeUnknown, .telegram, "the answer carried no message_id")
    }
    return PublishedPart(index: index, postId: String(id), url: link(to: id, in: message["chat"]))
  }

  /// A t.me link for public chats and supergroups; a tg:// link otherwise.
  private func link(to id: Int64, in chat: JSONValue?) -> String {
    if let username = chat?["username"]?.stringValue { return "https://t.me/\(username)/\(id)" }
    let chatText = chat?["id"]?.intValue.map(String.init) ?? chatId
    // Supergroup and channel ids are -100 followed by the id t.me/c links use.
    if chatText.hasPrefix("-100") { return "https://t.me/c/\(chatText.dropFirst(4))/\(id)" }
    return "tg://openmessage?chat_id=\(chatText)&message_id=\(id)"
  }

  private func refusal(_ status: Int, _ answer: JSONValue?) -> PublishError {
    let description = answer?["description"]?.stringValue ?? "HTTP \(status)"
    let kind: PublishError.Kind =
      (500...599).contains(status) ? .retryable : (status == 429 ? .retryable : .permanent)
    return PublishError(kind, .telegram, "\(status) \(description)")
  }
}

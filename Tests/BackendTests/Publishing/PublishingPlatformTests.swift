import Crypto
import FoundationEssentials
import Shared
import TestSupport
import Testing

@testable import Backend

/// The direct publishers against loopback fakes that speak each platform's wire format.
@Suite struct PublishingPlatformTests {
  /// Exactly 5 000 characters (5 068 UTF-16 units) of Ukrainian with emoji and MarkdownV2's
  /// reserved characters, in 34 paragraphs.
  static let longUkrainianPost: String = {
    let paragraph =
      "Щеплення від грипу 💉 захищає вас і ваших рідних. Ціна: 5.5 (приблизно)! "
      + "Запишіться до сімейного лікаря — це займе 10-15 хвилин. 🩺 Будьте здорові."
    return Array(repeating: paragraph, count: 34).joined(separator: "\n\n") + " Так"
  }()

  /// 600 weighted characters (613 code points): a 36-character link weighs 23, an emoji 2.
  static let sixHundredWeightedPost: String = {
    let sentence = "Flu vaccines are safe and they work well for most adults. "
    let link = "Деталі: https://moz.gov.ua/article/grip-2026 💉 "
    return String(repeating: sentence, count: 4) + link + String(repeating: sentence, count: 5)
      + "Ask your pharmacist about the flu shot now."
  }()

  @Test func aLongUkrainianPostGoesToTelegramAsTwoOrderedMessagesWithinTheLimit() throws {
    let content = Self.longUkrainianPost
    #expect(content.count == 5000 && content.utf16.count == 5068)
    let fake = try FakeTelegramServer(token: PublishingFixtures.telegramToken)
    defer { fake.stop() }
    let settings = try PublishingFixtures.settings(telegram: fake.baseURL, format: "markdownv2")
    let publisher = TelegramPublisher(
      settings: settings, token: settings.telegramToken!, chatId: "@sera_test",
      logger: Logger(level: .error))
    let outcome = try publisher.publish(
      PublishingFixtures.post(content, on: .telegram), journal: MemoryJournal())

    let messages = fake.accepted
    #expect(messages.count == 2)
    #expect(messages.allSatisfy { $0.text.utf16.count <= 4096 && $0.parseMode == "MarkdownV2" })
    // Each message as sent parses as MarkdownV2: no escape pair was cut by the split.
    #expect(messages.allSatisfy { FakeTelegramServer.markdownProblem($0.sent) == nil })
    #expect(messages[0].text.hasPrefix("1/2 ") && messages[1].text.hasPrefix("2/2 "))
    let rejoined = messages.map { String($0.text.dropFirst(4)) }.joined(separator: "\n\n")
    #expect(rejoined == content)
    #expect(outcome == .posted(PublishReceipt(postId: "1", url: "https://t.me/sera_test/1")))
  }

  @Test func markdownV2EscapesReservedCharactersSoTelegramParsesThem() throws {
    let fake = try FakeTelegramServer(token: PublishingFixtures.telegramToken)
    defer { fake.stop() }
    let settings = try PublishingFixtures.settings(telegram: fake.baseURL, format: "markdownv2")
    let publisher = TelegramPublisher(
      settings: settings, token: settings.telegramToken!, chatId: "@sera_test",
      logger: Logger(level: .error))
    _ = try publisher.publish(
      PublishingFixtures.post("Ціна: 5.5 (приблизно)!", on: .telegram), journal: MemoryJournal())
    #expect(fake.accepted.map(\.text) == ["Ціна: 5.5 (приблизно)!"])
    #expect(fake.accepted.map(\.sent) == ["Ціна: 5\\.5 \\(приблизно\\)\\!"])
    #expect(MarkdownV2.escape("Ціна: 5.5 (приблизно)!") == "Ціна: 5\\.5 \\(приблизно\\)\\!")
    #expect(
      MarkdownV2.escape("Доза: 5-10 мг (2 р./добу)! Див. PMID 12345678.")
        == "Доза: 5\\-10 мг \\(2 р\\./добу\\)\\! Див\\. PMID 12345678\\.")
    #expect(FakeTelegramServer.markdownProblem("5.5") != nil)
  }

  @Test func telegramRetryAfterIsWaitedOutBeforeTheRetry() throws {
    let fake = try FakeTelegramServer(
      token: PublishingFixtures.telegramToken, script: [.tooManyRequests(retryAfter: 3), .accept])
    defer { fake.stop() }
    let settings = try PublishingFixtures.settings(telegram: fake.baseURL)
    let publisher = TelegramPublisher(
      settings: settings, token: settings.telegramToken!, chatId: "@sera_test",
      logger: Logger(level: .error))
    _ = try publisher.publish(
      PublishingFixtures.post("Hello", on: .telegram), journal: MemoryJournal())
    let times = fake.callTimes
    #expect(times.count == 2)
    #expect(times[1].timeIntervalSince(times[0]) >= 3)
    #expect(fake.accepted.count == 1)
  }

  @Test func aSixHundredCharacterPostBecomesAThreeTweetReplyChain() throws {
    let content = Self.sixHundredWeightedPost
    #expect(TwitterText.weightedLength(content) == 600 && content.unicodeScalars.count == 612)
    let fake = try FakeXServer()
    defer { fake.stop() }
    let settings = try PublishingFixtures.settings(x: fake.baseURL)
    let publisher = XPublisher(settings: settings, credentials: .bearer(PublishingFixtures.xToken))
    _ = try publisher.publish(
      PublishingFixtures.post(content, on: .twitter), journal: MemoryJournal())
    let tweets = fake.tweets
    #expect(tweets.count == 3)
    #expect(tweets.allSatisfy { TwitterText.weightedLength($0.text) <= 280 })
    #expect(tweets[0].replyTo == nil)
    #expect(tweets[1].replyTo == tweets[0].id && tweets[2].replyTo == tweets[1].id)
    #expect(tweets.map { $0.text.prefix(4) } == ["1/3 ", "2/3 ", "3/3 "])
    #expect(tweets.map { String($0.text.dropFirst(4)) }.joined(separator: " ") == content)
  }

  @Test func xRequestsAreSignedWithOAuth1WhenKeysAreGiven() throws {
    let fake = try FakeXServer()
    defer { fake.stop() }
    let settings = try PublishingFixtures.settings(x: fake.baseURL)
    let publisher = XPublisher(
      settings: settings,
      credentials: .oauth1(consumerKey: "ck", consumerSecret: "cs", token: "t", tokenSecret: "ts"))
    _ = try publisher.publish(
      PublishingFixtures.post("Hello", on: .twitter), journal: MemoryJournal())
    let header = try #require(fake.authorizations.first)
    #expect(header.hasPrefix("OAuth "))
    #expect(header.contains("oauth_signature_method=\"HMAC-SHA1\""))
    #expect(header.contains("oauth_signature=\""))
  }

  @Test func threadsWaitsForTheContainerThenPublishesOnce() throws {
    let fake = try FakeThreadsServer(
      userId: "1234", token: PublishingFixtures.threadsToken, notReadyChecks: 2)
    defer { fake.stop() }
    let settings = try PublishingFixtures.settings(threads: fake.baseURL)
    let publisher = ThreadsPublisher(
      settings: settings, userId: "1234", token: settings.threadsToken!)
    let outcome = try publisher.publish(
      PublishingFixtures.post("Get your flu shot 💉", on: .threads), journal: MemoryJournal())
    #expect(fake.publishCalls == 1)
    #expect(fake.statusChecks == 3)
    let post = try #require(fake.posts.first)
    #expect(
      outcome
        == .posted(
          PublishReceipt(postId: post.id, url: "https://www.threads.net/@sera/post/\(post.id)")))
  }

  /// X's "Creating a signature" example: its parameters, secrets and published signature.
  @Test func oauth1SignatureMatchesXsDocumentedExample() {
    let signer = OAuth1Signer(
      consumerKey: "xvz1evFS4wEEPTGEFPHBog",
      consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
      token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
      tokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE")
    let nonce = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"
    let signature = signer.sign(
      method: "post", base: "https://api.twitter.com/1.1/statuses/update.json",
      parameters: [
        ("status", "Hello Ladies + Gentlemen, a signed OAuth request!"),
        ("include_entities", "true"), ("oauth_consumer_key", signer.consumerKey),
        ("oauth_nonce", nonce), ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "1318622958"), ("oauth_token", signer.token),
        ("oauth_version", "1.0"),
      ])
    #expect(signature == "hCtSmYh+iHYCEqBWrE7C7hYmtUk=")

    // The same request with its parameters in the URL, through the header builder.
    let header = signer.authorization(
      method: "POST",
      url: "https://api.twitter.com/1.1/statuses/update.json?include_entities=true"
        + "&status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21",
      nonce: nonce, timestamp: 1_318_622_958)
    #expect(header.contains(#"oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D""#))
  }

  @Test func hmacSHA1MatchesRFC2202() {
    #expect(
      hex(hmacSHA1(key: "Jefe", message: "what do ya want for nothing?"))
        == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
    #expect(base64(Array("any carnal pleas".utf8)) == "YW55IGNhcm5hbCBwbGVhcw==")
  }
}

import FoundationEssentials
import Shared
import Testing

@testable import Backend

@Suite struct PublishingOutboxTests {
  static let draft = Draft(
    id: 42, userId: 1, topic: "flu", platform: .telegram, status: .publishing, version: 3,
    content: "Get your flu shot.", createdAt: Date(), updatedAt: Date())

  @Test func publishingTwiceWritesOneFileAndGivesTheSameReceipt() throws {
    let folder = try TemporaryFolder()
    let outbox = OutboxPublisher(directory: folder.path + "/outbox")
    let first = try outbox.publish(
      draft: Self.draft, platform: .telegram, content: "Привіт 😀 flu", version: 3)
    let second = try outbox.publish(
      draft: Self.draft, platform: .telegram, content: "Привіт 😀 flu", version: 3)
    #expect(first == second)
    let path = folder.path + "/outbox/telegram/draft-42-v3.txt"
    #expect(first.url == "file://" + path)
    #expect(
      FileManager.default.contents(atPath: path).map { Array($0) } == Array("Привіт 😀 flu".utf8))
    let names = try FileManager.default.contentsOfDirectory(
      atPath: folder.path + "/outbox/telegram")
    #expect(names == ["draft-42-v3.txt"])
  }

  @Test func differentTextForThePublishedVersionIsRefused() throws {
    let folder = try TemporaryFolder()
    let outbox = OutboxPublisher(directory: folder.path)
    _ = try outbox.publish(draft: Self.draft, platform: .threads, content: "one", version: 1)
    #expect(throws: OutboxError.self) {
      try outbox.publish(draft: Self.draft, platform: .threads, content: "two", version: 1)
    }
    let next = try outbox.publish(draft: Self.draft, platform: .threads, content: "two", version: 2)
    #expect(next.postId == "outbox:threads:draft-42-v2")
  }
}

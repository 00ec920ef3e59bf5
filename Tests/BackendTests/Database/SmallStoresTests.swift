import Backend
import Postgres
import Shared
import Testing

extension DatabaseTests {
  @Suite("SmallStoresTests")
  struct SmallStoresTests {
    let database: DatabaseFixture

    init() throws {
      database = try DatabaseFixture()
    }

    @Test("ensure returns the same id for the same username")
    func ensureIsIdempotent() throws {
      let users = UserStore(pool: database.pool)
      #expect(try users.ensure(username: "dr_kovalenko") == database.userId)
      #expect(try users.ensure(username: "другий") != database.userId)
      #expect(try users.username(id: database.userId) == "dr_kovalenko")
    }

    @Test("notifications come back newest first, feedback oldest first")
    func notificationsAndFeedback() throws {
      let draft = try DraftStore(pool: database.pool).create(
        userId: database.userId, topic: "B12", platform: .telegram, sourceURL: nil)
      let notifications = NotificationStore(pool: database.pool)
      try notifications.add(userId: nil, draftId: draft.id, kind: "draft_failed", message: "one")
      try notifications.add(userId: database.userId, draftId: nil, kind: "info", message: "two")
      let recent = try notifications.recent(limit: 10)
      #expect(recent.map(\.message) == ["two", "one"])
      #expect(recent.last?.draftId == draft.id)

      let feedback = FeedbackStore(pool: database.pool)
      try feedback.add(draftId: draft.id, userId: database.userId, comment: "занадто довго")
      try feedback.add(draftId: draft.id, userId: database.userId, comment: "ok")
      #expect(try feedback.comments(draftId: draft.id) == ["занадто довго", "ok"])
    }
  }
}

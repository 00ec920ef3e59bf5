import Backend
import Dispatch
import FoundationEssentials
import Postgres
import Shared
import Synchronization
import Testing

extension DatabaseTests {
  @Suite("DraftStoreTests")
  struct DraftStoreTests {
    let database: DatabaseFixture
    let store: DraftStore

    init() throws {
      database = try DatabaseFixture()
      store = DraftStore(pool: database.pool)
    }

    private func generated() throws -> Draft {
      let draft = try store.create(
        userId: database.userId, topic: "Метформін і B12", platform: .telegram, sourceURL: nil)
      return try store.transition(
        id: draft.id, from: [.pending], to: .generated, expectedVersion: nil, actor: "worker",
        actorUserId: nil, detail: nil, changes: DraftChanges(content: "Текст 😀", problems: ["x"]),
        bumpVersion: true)
    }

    @Test("a new draft is pending at version 1 with a created event")
    func createStartsPending() throws {
      let draft = try store.create(
        userId: database.userId, topic: "Vitamin D", platform: .threads, sourceURL: "https://x.y")
      #expect(draft.status == .pending && draft.version == 1 && draft.sourceURL == "https://x.y")
      #expect(try store.get(id: draft.id) == draft)
      let events = try store.events(draftId: draft.id)
      #expect(events.map(\.action) == ["created"])
      #expect(events.first?.actor == "user:dr_kovalenko")
      #expect(events.first?.toStatus == .pending)
    }

    @Test("a transition applies its changes, bumps the version and records from and to")
    func transitionAppliesChanges() throws {
      let draft = try generated()
      #expect(draft.status == .generated && draft.version == 2)
      #expect(draft.content == "Текст 😀" && draft.problems == ["x"])
      let approved = try store.transition(
        id: draft.id, from: DraftStatus.approvable, to: .approved, expectedVersion: 2,
        actor: "physician:dr_kovalenko", actorUserId: database.userId, detail: "looks good")
      #expect(approved.status == .approved && approved.version == 2)
      let last = try store.events(draftId: draft.id).last
      #expect(last?.fromStatus == .generated && last?.toStatus == .approved)
      #expect(last?.detail == "looks good" && last?.action == "approved")
    }

    @Test("a stale version or a wrong status is a conflict carrying the current draft")
    func staleTransitionsConflict() throws {
      let draft = try generated()
      #expect(throws: StoreError.conflict(current: draft)) {
        try store.transition(
          id: draft.id, from: [.generated], to: .approved, expectedVersion: 1, actor: "p",
          actorUserId: nil, detail: nil)
      }
      #expect(throws: StoreError.conflict(current: draft)) {
        try store.transition(
          id: draft.id, from: [.approved], to: .publishing, expectedVersion: nil, actor: "p",
          actorUserId: nil, detail: nil)
      }
      #expect(throws: StoreError.notFound) {
        try store.transition(
          id: 999_999, from: [.generated], to: .approved, expectedVersion: nil, actor: "p",
          actorUserId: nil, detail: nil)
      }
      #expect(try store.events(draftId: draft.id).count == 2)
    }

    @Test("of two concurrent approvals of the same version exactly one wins")
    func concurrentTransitionsHaveOneWinner() throws {
      let draft = try generated()
      let outcomes = Mutex<[String]>([])
      let store = self.store
      DispatchQueue.concurrentPerform(iterations: 2) { index in
        let to: DraftStatus = index == 0 ? .approved : .rejected
        do {
          _ = try store.transition(
            id: draft.id, from: [.generated], to: to, expectedVersion: draft.version,
            actor: "p\(index)", actorUserId: nil, detail: nil, bumpVersion: true)
          outcomes.withLock { $0.append("won") }
        } catch StoreError.conflict {
          outcomes.withLock { $0.append("conflict") }
        } catch {
          outcomes.withLock { $0.append("error: \(error)") }
        }
      }
      #expect(outcomes.withLock { $0.sorted() } == ["conflict", "won"])
      #expect(try store.get(id: draft.id)?.version == draft.version + 1)
      #expect(try store.events(draftId: draft.id).count == 3)
    }

    @Test("an empty string clears a text field and JSON fields round-trip")
    func changesClearAndStoreJSON() throws {
      let draft = try generated()
      let failed = try store.transition(
        id: draft.id, from: [.generated], to: .failed, expectedVersion: nil, actor: "worker",
        actorUserId: nil, detail: nil, changes: DraftChanges(lastError: "LLM timed out"))
      #expect(failed.lastError == "LLM timed out")
      let source = DraftSource(id: "kb:1", kind: .knowledge, title: "B12", reference: "kb/b12.md")
      let verdict = FactCheckVerdict(
        knowledgeSourcesFound: 1, pubmedReached: false, pubmedArticlesFound: 0,
        citationsVerified: true, summary: "1 knowledge-base source")
      let again = try store.transition(
        id: draft.id, from: [.failed], to: .generated, expectedVersion: nil, actor: "worker",
        actorUserId: nil, detail: nil,
        changes: DraftChanges(
          sources: [source], verdict: verdict, lastError: "", publishPlatforms: [.twitter]))
      #expect(again.lastError == nil && again.sources == [source] && again.verdict == verdict)
      #expect(try store.publishPlatforms(draftId: draft.id) == [.twitter])
    }

    @Test("list filters by status, newest first, and honours the limit")
    func listFiltersAndOrders() throws {
      let first = try generated()
      let second = try store.create(
        userId: database.userId, topic: "Sleep", platform: .twitter, sourceURL: nil)
      #expect(try store.list(status: nil, limit: 10).map(\.id) == [second.id, first.id])
      #expect(try store.list(status: .generated, limit: 10).map(\.id) == [first.id])
      #expect(try store.list(status: nil, limit: 1).count == 1)
    }

    @Test("due scheduled drafts are claimed once, and stale pending drafts are redrivable")
    func schedulerQueries() throws {
      let draft = try generated()
      _ = try store.transition(
        id: draft.id, from: [.generated], to: .scheduled, expectedVersion: nil, actor: "p",
        actorUserId: nil, detail: nil,
        changes: DraftChanges(scheduledAt: Date(timeIntervalSinceNow: -60)))
      let claimed = try store.claimDueScheduled(limit: 10)
      #expect(claimed.map(\.id) == [draft.id] && claimed.first?.status == .publishing)
      #expect(try store.claimDueScheduled(limit: 10).isEmpty)
      #expect(try store.events(draftId: draft.id).last?.actor == "scheduler")

      let stale = try store.create(
        userId: database.userId, topic: "Stale", platform: .telegram, sourceURL: nil)
      #expect(try store.redrivable(olderThan: 600).isEmpty)
      try database.pool.execute(
        "UPDATE drafts SET updated_at = now() - interval '1 hour' WHERE id = $1", [stale.id])
      #expect(try store.redrivable(olderThan: 600).map(\.id) == [stale.id])
    }
  }
}
